package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe 4 draws speech per data folder; recipe 3 per clip. No audio is read. */
class RealWorldMixerTest {
    @TempDir
    Path dir;

    private Path folder(String name, int speechClips) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        StringBuilder m = new StringBuilder(
                "path,split,kind,corpus,speaker_or_class,original_rate_hz,bandwidth_hz,source_limit_hz,duration_s,licence\n");
        for (int i = 0; i < speechClips; i++) {
            m.append("s").append(i).append(".flac,train,speech,").append(name).append(",v").append(i % 3)
                    .append(",48000,20000,24000,2.0,CC0\n");
        }
        m.append("n.flac,train,noise,").append(name).append(",rain,48000,20000,24000,5.0,CC0\n");
        Files.writeString(f.resolve("manifest.csv"), m);
        return f;
    }

    private static double shareOfFirstFolder(RealWorldMixer mixer) {
        Random r = new Random(7);
        int first = 0;
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            if (mixer.speechClip(r).source() == 0) {
                first++;
            }
        }
        return (double) first / draws;
    }

    @Test
    void recipeFourDrawsEachFolderEquallyOftenWhateverItsClipCount() throws IOException {
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10), folder("debian", 90)));
        assertEquals(2, corpus.sourceCount());
        assertEquals(10, TrainingCorpus.fromSource(corpus.trainingSpeech(), 0).size());
        assertEquals(1, TrainingCorpus.fromSource(corpus.noise(), 1).size());
        double perClip = shareOfFirstFolder(new RealWorldMixer(corpus, 3));
        double perFolder = shareOfFirstFolder(new RealWorldMixer(corpus, 4));
        assertEquals(0.10, perClip, 0.02, "recipe 3: a folder's share follows its clip count");
        assertEquals(0.50, perFolder, 0.03, "recipe 4: each folder half of the draws");
        assertTrue(perFolder > 3 * perClip);
    }
}
