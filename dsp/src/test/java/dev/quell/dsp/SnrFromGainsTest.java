package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The running SNR estimate read from band gains and band energies. */
class SnrFromGainsTest {
    private static final int B = FrameFormat.BANDS;

    private static float[] filled(float v) {
        float[] a = new float[B];
        Arrays.fill(a, v);
        return a;
    }

    /** Energies that differ per band, so a test cannot pass by weighting the bands equally. */
    private static float[] energies() {
        float[] e = new float[B];
        for (int b = 0; b < B; b++) {
            e[b] = (float) Math.pow(10, -0.1 * b);
        }
        return e;
    }

    @Test
    void readsZeroDecibelsBeforeAnyFrame() {
        assertEquals(0f, new SnrFromGains(3).snrDb(), 0f);
    }

    @Test
    void aGainIsTheSpeechShareOfItsBandsAmplitude() {
        SnrFromGains s = new SnrFromGains(3);
        s.update(filled((float) Math.sqrt(0.2)), energies());
        assertEquals(10 * Math.log10(0.2 / 0.8), s.snrDb(), 1e-4);
        SnrFromGains half = new SnrFromGains(3);
        float[] g = new float[B];
        float[] e = new float[B];
        g[0] = 1f;
        e[0] = 2f; // all speech
        e[1] = 6f; // g = 0: all noise
        g[2] = (float) Math.sqrt(0.5);
        e[2] = 4f; // 2 of speech, 2 of noise
        half.update(g, e);
        assertEquals(10 * Math.log10(4.0 / 8.0), half.snrDb(), 1e-4);
    }

    @Test
    void noiseBeforeTheFirstWordDoesNotCount() {
        SnrFromGains s = new SnrFromGains(3);
        float[] e = energies();
        for (int t = 0; t < 100; t++) {
            s.update(filled(0.3f), e); // keeps 9 % of the energy: below the onset share
        }
        assertEquals(0f, s.snrDb(), 0f, "no onset yet");
        for (int t = 0; t < 10; t++) {
            s.update(filled((float) Math.sqrt(0.5)), e);
        }
        assertEquals(0f, s.snrDb(), 1e-4, "only the frames from the onset on");
        for (int t = 0; t < 10; t++) {
            s.update(filled(0.3f), e);
        }
        assertEquals(10 * Math.log10((0.5 + 0.09) / (0.5 + 0.91)), s.snrDb(), 1e-4, "after the onset every frame counts");
    }

    @Test
    void averagesThePlainMeanUntilTheTimeConstantThenForgetsExponentially() {
        SnrFromGains s = new SnrFromGains(1); // 100 frames
        float[] e = energies();
        for (int t = 0; t < 40; t++) {
            s.update(filled((float) Math.sqrt(0.9)), e); // +9.54 dB
        }
        for (int t = 0; t < 40; t++) {
            s.update(filled((float) Math.sqrt(0.1)), e); // -9.54 dB
        }
        assertEquals(0f, s.snrDb(), 1e-4, "the plain mean of 40 frames each way");
        for (int t = 0; t < 100; t++) {
            s.update(filled((float) Math.sqrt(0.1)), e);
        }
        // the plain mean lasts through frame 99 (1/(t+1) >= 1/100): speech (40 * 0.9 + 60 * 0.1) / 100
        // of the energy; then 80 frames at a = 1/100 toward 0.1
        double speech = 0.1 + (0.42 - 0.1) * Math.pow(0.99, 80);
        assertEquals(10 * Math.log10(speech / (1 - speech)), s.snrDb(), 1e-3);
        for (int t = 0; t < 2000; t++) {
            s.update(filled((float) Math.sqrt(0.1)), e);
        }
        assertEquals(10 * Math.log10(0.1 / 0.9), s.snrDb(), 1e-3, "forgotten after 20 time constants");
    }

    @Test
    void badGainsAndEnergiesNeverMakeTheEstimateNonFinite() {
        SnrFromGains s = new SnrFromGains(3);
        float[] g = filled(0.5f);
        g[0] = Float.NaN;
        g[1] = -1f;
        g[2] = 7f;
        float[] e = filled(1f);
        e[3] = Float.NaN;
        e[4] = Float.POSITIVE_INFINITY;
        e[5] = -3f;
        s.update(g, e);
        assertTrue(Float.isFinite(s.snrDb()), "" + s.snrDb());
        SnrFromGains silent = new SnrFromGains(3);
        for (int t = 0; t < 500; t++) {
            silent.update(filled(0.7f), new float[B]);
        }
        assertEquals(0f, silent.snrDb(), 0f, "digital silence");
        SnrFromGains nan = new SnrFromGains(3);
        nan.update(filled(0.9f), energies());
        nan.update(filled(Float.NaN), energies());
        assertEquals(10 * Math.log10(0.81 / 1.19), nan.snrDb(), 1e-4, "NaN gains count as 0: all noise");
    }

    @Test
    void resetForgetsEveryFrame() {
        SnrFromGains s = new SnrFromGains(3);
        for (int t = 0; t < 300; t++) {
            s.update(filled(0.99f), energies());
        }
        assertTrue(s.snrDb() > 15f);
        s.reset();
        assertEquals(0f, s.snrDb(), 0f);
        s.update(filled(0.3f), energies());
        assertEquals(0f, s.snrDb(), 0f, "waits for an onset again");
        s.update(filled((float) Math.sqrt(0.2)), energies());
        assertEquals(10 * Math.log10(0.2 / 0.8), s.snrDb(), 1e-4, "the first frame after the onset is the whole mean");
    }

    @Test
    void allocatesNothingPerFrame() {
        SnrFromGains s = new SnrFromGains(3);
        float[] g = filled(0.4f);
        float[] e = energies();
        double bytes = TestSignals.bytesPerCall(() -> {
            s.update(g, e);
            s.snrDb();
        }, 20_000, 100_000);
        assertEquals(0.0, bytes, 0.01);
    }

    @Test
    void refusesATimeConstantThatIsNotFiniteAndPositive() {
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new SnrFromGains(tau), "" + tau);
        }
    }
}
