package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnseenVoicePairsTest {
    @TempDir
    Path dir;

    private static float[] noise(long seed, int n, double level) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (level * r.nextGaussian());
        }
        return x;
    }

    @Test
    void theDevPairsNoiseGoesOnTheHeldOutVoicesAtEachSnr() throws IOException {
        float[] devClean = noise(1, 48_000, 0.05);
        float[] devNoise = noise(2, 48_000, 0.02);
        float[] devNoisy = devClean.clone();
        for (int i = 0; i < devNoisy.length; i++) {
            devNoisy[i] += devNoise[i];
        }
        Path pairs = dir.resolve("pairs");
        WavWriter.write(pairs.resolve("clean/a.wav"), new AudioData(48_000, new float[][] {devClean}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        WavWriter.write(pairs.resolve("noisy/a.wav"), new AudioData(48_000, new float[][] {devNoisy}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        Files.writeString(pairs.resolve("list.csv"), "name,speaker,noise,snr_db\na.wav,x,esc50-rain,0\n");
        Path held = dir.resolve("held");
        float[] voice = noise(3, 72_000, 0.1);
        WavWriter.write(held.resolve("v.wav"), new AudioData(48_000, new float[][] {voice}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        Path out = dir.resolve("out");
        assertEquals(6, UnseenVoicePairs.write(held, pairs, out));
        assertEquals(7, Files.readAllLines(out.resolve("list.csv")).size());
        float[] c = AudioReader.read(out.resolve("clean/v_esc50-rain_snr5.wav")).mono();
        float[] y = AudioReader.read(out.resolve("noisy/v_esc50-rain_snr5.wav")).mono();
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < c.length; i++) {
            ps += c[i] * (double) c[i];
            pn += (y[i] - c[i]) * (double) (y[i] - c[i]);
        }
        assertEquals(5.0, 10 * Math.log10(ps / pn), 0.01);
        // the added noise is the dev pair's own noise (noisy minus clean), scaled: correlation 1
        double cross = 0;
        double en = 0;
        for (int i = 0; i < c.length; i++) {
            cross += (y[i] - c[i]) * (double) devNoise[i % devNoise.length];
            en += devNoise[i % devNoise.length] * (double) devNoise[i % devNoise.length];
        }
        assertEquals(1.0, cross / Math.sqrt(pn * en), 1e-4);
        float[][] loud = UnseenVoicePairs.mix(new float[] {0.9f, -0.9f, 0.5f}, new float[] {1f, 1f, -1f}, -10);
        for (float v : loud[1]) {
            assertTrue(Math.abs(v) <= 0.99f);
        }
    }
}
