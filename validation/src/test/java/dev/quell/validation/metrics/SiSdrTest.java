package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SiSdrTest {
    @Test
    void knownMixtureHasItsConstructedRatio() {
        Random r = new Random(1);
        int n = 48_000;
        float[] s = new float[n];
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) r.nextGaussian();
            e[i] = (float) r.nextGaussian();
        }
        // make e exactly orthogonal to s and zero-mean, then mix at 10 dB and rescale
        double ms = 0;
        double me = 0;
        for (int i = 0; i < n; i++) {
            ms += s[i];
            me += e[i];
        }
        double dot = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            s[i] -= (float) (ms / n);
            e[i] -= (float) (me / n);
        }
        for (int i = 0; i < n; i++) {
            dot += s[i] * (double) e[i];
            ss += s[i] * (double) s[i];
        }
        double ee = 0;
        for (int i = 0; i < n; i++) {
            e[i] -= (float) (dot / ss * s[i]);
            ee += e[i] * (double) e[i];
        }
        float[] est = new float[n];
        double g = Math.sqrt(ss / ee / 10);
        for (int i = 0; i < n; i++) {
            est[i] = (float) (3 * (s[i] + g * e[i]) + 0.2);
        }
        assertEquals(10.0, SiSdr.compute(s, est), 1e-3);
    }

    @Test
    void matchesReferenceValuesOnTheDevPairs() throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared/data not present");
        Path csv = data.getParent().resolve("testvectors/dev_pairs_reference.csv");
        assumeTrue(Files.isRegularFile(csv));
        List<String> lines = Files.readAllLines(csv);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            float[] clean = AudioReader.read(data.resolve("dev/pairs").resolve(f[0])).mono();
            float[] noisy = AudioReader.read(data.resolve("dev/pairs").resolve(f[1])).mono();
            assertEquals(Double.parseDouble(f[5]), SiSdr.compute(clean, noisy), 0.01, f[1]);
            checked++;
        }
        assertTrue(checked == 72, "checked " + checked);
    }

    @Test
    void segmentalSnrIsClippedPerFrame() {
        float[] s = new float[48_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(i * 0.05);
        }
        assertEquals(SegmentalSnr.MAX_DB, SegmentalSnr.compute(s, s, 48_000), 1e-9);
        float[] inverted = s.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] *= -3f; // error = 4 s: -12 dB in every frame, clipped to -10
        }
        assertEquals(SegmentalSnr.MIN_DB, SegmentalSnr.compute(s, inverted, 48_000), 1e-9);
        float[] half = s.clone();
        for (int i = 0; i < half.length; i++) {
            half[i] *= 0.9f; // error = 0.1 s: 20 dB in every frame
        }
        assertEquals(20.0, SegmentalSnr.compute(s, half, 48_000), 1e-3);
    }
}
