package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.AudioFormatException;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpusReaderTest {
    @TempDir
    Path dir;

    @Test
    void decodesTrainingFilesToTheirManifestDuration() throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared/data not present");
        List<String> lines = Files.readAllLines(data.resolve("manifest.csv"));
        int checked = 0;
        for (int i = 1; i < lines.size() && checked < 12; i += 97) { // a spread of corpora
            String[] f = lines.get(i).split(",");
            if (!f[0].endsWith(".opus")) {
                continue;
            }
            float[] x = OpusReader.read(data.resolve(f[0]));
            double seconds = Double.parseDouble(f[8]);
            // the manifest rounds durations to 10 ms
            assertEquals(Math.round(seconds * 48_000), x.length, 241, f[0]);
            double e = 0;
            for (float v : x) {
                e += v * v;
            }
            assertTrue(e > 0, f[0] + " decodes to silence");
            checked++;
        }
        assertTrue(checked > 5, "checked " + checked);
    }

    @Test
    void rejectsNonOpusFilesNamingThem() throws IOException {
        Path f = dir.resolve("fake.opus");
        Files.writeString(f, "OggS but not really an ogg file at all........................");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> OpusReader.read(f));
        assertTrue(e.getMessage().contains("fake.opus"), e.getMessage());
    }
}
