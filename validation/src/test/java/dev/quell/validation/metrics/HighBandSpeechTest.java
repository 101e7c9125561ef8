package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HighBandSpeechTest {
    private static final int RATE = 48_000;
    private static final int LENGTH = 2 * RATE;

    /**
     * 40 sinusoids at random frequencies in [fromHz, toHz], gated 0.2 s on / 0.1 s off with 10 ms
     * raised-cosine ramps (no clicks to spread into other bands).
     */
    private static float[] tones(double fromHz, double toHz, long seed) {
        Random r = new Random(seed);
        float[] x = new float[LENGTH];
        for (int j = 0; j < 40; j++) {
            double f = fromHz + (toHz - fromHz) * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            for (int i = 0; i < LENGTH; i++) {
                x[i] += (float) (0.01 * Math.sin(2 * Math.PI * f * i / RATE + phase));
            }
        }
        int ramp = RATE / 100;
        for (int i = 0; i < LENGTH; i++) {
            int p = i % (3 * RATE / 10);
            double gate = p >= 2 * RATE / 10 ? 0 : 1;
            if (p < ramp) {
                gate = 0.5 - 0.5 * Math.cos(Math.PI * p / ramp);
            } else if (p >= 2 * RATE / 10 - ramp && p < 2 * RATE / 10) {
                gate = 0.5 - 0.5 * Math.cos(Math.PI * (2 * RATE / 10 - p) / ramp);
            }
            x[i] *= (float) gate;
        }
        return x;
    }

    private static float[] sum(float[] a, double gain, float[] b, int delay) {
        float[] y = new float[a.length];
        for (int i = delay; i < a.length; i++) {
            y[i] = (float) (a[i - delay] + gain * b[i - delay]);
        }
        return y;
    }

    private static double kept(float[] clean, float[] test, int rate) {
        return HighBandSpeech.compute(clean, test, rate).keptDb();
    }

    private static double residual(float[] clean, float[] test) {
        return HighBandSpeech.compute(clean, test, RATE).residualDb();
    }

    private final float[] low = tones(100, 7000, 1);
    private final float[] high = tones(9000, 19_000, 2);
    private final float[] clean = sum(low, 1, high, 0);

    @Test
    void theCleanSignalKeepsEverything() {
        assertEquals(0.0, kept(clean, clean, RATE), 1e-6);
    }

    @Test
    void givesTheGainOfTheVoiceAboveEightKilohertzWhateverTheDelay() {
        double half = 20 * Math.log10(0.5);
        assertEquals(half, kept(clean, sum(low, 0.5, high, 0), RATE), 0.02);
        assertEquals(half, kept(clean, sum(low, 0.5, high, 3), RATE), 0.1, "3 samples late");
        // the low part does not count: all of it removed, the upper band untouched
        assertEquals(0.0, kept(clean, sum(low, 1, high, 0), RATE), 1e-6);
        assertEquals(0.0, kept(clean, sum(new float[LENGTH], 1, high, 0), RATE), 0.01);
        assertTrue(kept(clean, low, RATE) < -40, "the voice above 8 kHz removed");
    }

    @Test
    void aGainThatChangesOverTimeCountsAsItsPowerWeightedMean() {
        float[] test = sum(low, 1, high, 0);
        for (int i = LENGTH / 2; i < LENGTH; i++) {
            test[i] = low[i];
        }
        // half of the upper band's power kept at gain 1, the other half at 0: mean gain 0.5
        assertEquals(20 * Math.log10(0.5), kept(clean, test, RATE), 0.2);
    }

    @Test
    void noiseDoesNotCountAsVoiceKeptButAsResidual() {
        Random r = new Random(3);
        float[] noisy = clean.clone();
        float[] noise = new float[LENGTH];
        double rms = 0.01 * Math.sqrt(40);
        for (int i = 0; i < LENGTH; i++) {
            noise[i] = (float) (rms * r.nextGaussian());
            noisy[i] += noise[i];
        }
        assertEquals(0.0, kept(clean, noisy, RATE), 0.5);
        // white noise: the band 8-20 kHz holds half of its power; the voice's band power is
        // 40 tones' worth over 2/3 of the time
        double bandSnr = 10 * Math.log10((40 * 0.01 * 0.01 / 2 * 2 / 3) / (rms * rms / 2));
        assertEquals(-bandSnr, residual(clean, noisy), 0.5);
        float[] quieter = clean.clone();
        for (int i = 0; i < LENGTH; i++) {
            quieter[i] += 0.1f * noise[i];
        }
        assertEquals(-bandSnr - 20, residual(clean, quieter), 0.5, "noise 20 dB down");
    }

    @Test
    void aGainOrADelayIsNotResidualButAGainThatChangesIs() {
        assertTrue(residual(clean, clean) < -100, "the clean signal itself");
        assertTrue(residual(clean, sum(low, 0.5, high, 3)) < -25, "half the gain, 3 samples late");
        float[] test = sum(low, 1, high, 0);
        for (int i = LENGTH / 2; i < LENGTH; i++) {
            test[i] = low[i];
        }
        // gain 1 then 0 around the mean 0.5: the error is 0.5 of the voice throughout, -6 dB
        assertEquals(20 * Math.log10(0.5), residual(clean, test), 0.3);
    }

    @Test
    void noBandOrNoVoiceInItGivesNaN() {
        assertEquals(HighBandSpeech.Scores.NONE, HighBandSpeech.compute(clean, clean, 16_000), "16 kHz: nothing above 7.6 kHz");
        assertTrue(Double.isNaN(kept(low, low, RATE)), "a band-limited reference");
        assertTrue(Double.isNaN(kept(new float[LENGTH], clean, RATE)), "digital silence");
        assertTrue(Double.isNaN(kept(new float[100], new float[100], RATE)), "shorter than a frame");
        assertThrows(IllegalArgumentException.class, () -> HighBandSpeech.compute(clean, new float[10], RATE));
    }
}
