package dev.quell.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpperBandNoiseTest {
    private static double powerDb(float[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p += (double) x[i] * x[i];
        }
        return 10 * Math.log10(p / (to - from) + 1e-300);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 16000, 22050, 32000, 44100})
    void onSilenceTheFloorIsAtItsMinimumAndLiesAboveTheSourceNyquistFrequency(int rate) {
        float[] x = new float[UpperBandNoise.PERIOD];
        new UpperBandNoise(rate / 2.0, -20).addTo(x, 0, x.length);
        assertEquals(UpperBandNoise.MIN_LEVEL_DB, powerDb(x, 0, x.length), 0.01, "RMS level");
        double[] spectrum = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            spectrum[i] = x[i];
        }
        new DoubleFFT_1D(x.length).realForward(spectrum);
        double below = spectrum[0] * spectrum[0];
        double above = 0;
        for (int k = 1; k < x.length / 2; k++) {
            double e = spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1];
            if (k * 48000.0 / x.length < rate / 2.0) {
                below += e;
            } else {
                above += e;
            }
        }
        // float rounding of the table is the only leak
        assertTrue(10 * Math.log10(below / above) < -120, "energy below the cutoff: " + 10 * Math.log10(below / above) + " dB");
    }

    /** The floor alone: what addTo adds to x. */
    private static float[] floorFor(float[] x, double cutoffHz, double relativeDb) {
        float[] y = x.clone();
        new UpperBandNoise(cutoffHz, relativeDb).addTo(y, 0, y.length);
        for (int i = 0; i < y.length; i++) {
            y[i] -= x[i];
        }
        return y;
    }

    @Test
    void onSpeechLikeBurstsTheFloorFollowsTheEnvelope() {
        for (double amplitude : new double[] {0.3, 0.003}) {
            float[] x = new float[48000 * 4];
            for (int i = 0; i < x.length; i++) {
                boolean on = (i / 24000) % 2 == 0; // 0.5 s bursts of constant power, 0.5 s pauses
                x[i] = on ? (float) (i % 2 == 0 ? amplitude : -amplitude) : 0f;
            }
            float[] floor = floorFor(x, 8000, -20);
            double expected = 20 * Math.log10(amplitude) - 20;
            assertEquals(expected, powerDb(floor, 48000 * 3, x.length), 0.6, "floor for amplitude " + amplitude);
        }
    }

    @Test
    void onStationaryNoiseTheFloorContinuesItsDensity() {
        Random r = new Random(4);
        float[] x = new float[48000 * 4];
        double sigma = 0.01;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (sigma * r.nextGaussian());
        }
        // cutoff 4 kHz: the 20 kHz above it get the in-band power per hertz, 5x the in-band power
        float[] floor = floorFor(x, 4000, -40);
        double expected = 20 * Math.log10(sigma) + 10 * Math.log10(5);
        double measured = powerDb(floor, 48000 * 3, x.length);
        // the minimum of smoothed 10 ms powers lies a little below their mean
        assertTrue(measured <= expected + 0.5 && measured >= expected - 2.5, "floor " + measured + " dB, expected about " + expected);
    }

    @Test
    void aConverterBackToTheSourceRateRemovesIt() {
        Random r = new Random(3);
        float[] x = new float[48000 * 3];
        for (int i = 0; i < x.length; i++) {
            // loud, level-modulated input: the moving gain must not spread the floor below the cutoff
            x[i] = (float) (0.5 * Math.abs(Math.sin(2 * Math.PI * 2 * i / 48000.0)) * r.nextGaussian());
        }
        float[] only = new float[x.length];
        UpperBandNoise n = new UpperBandNoise(8000, -20);
        float[] y = x.clone();
        n.addTo(y, 0, y.length);
        for (int i = 0; i < y.length; i++) {
            only[i] = y[i] - x[i];
        }
        double floorDb = powerDb(only, 0, only.length);
        float[] back = Resampler.resample(only, 48000, 16000);
        double residualDb = powerDb(back, 1000, back.length - 1000);
        assertTrue(residualDb < floorDb - 80, "floor " + floorDb + " dBFS, after conversion to 16 kHz " + residualDb + " dBFS");
    }

    @Test
    void theStreamIsTheSameWhateverTheBlockSizesAndRestartsOnReset() {
        Random r = new Random(9);
        float[] input = new float[100_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (0.1 * r.nextGaussian());
        }
        float[] whole = input.clone();
        UpperBandNoise a = new UpperBandNoise(8000, -20);
        a.addTo(whole, 0, whole.length);
        UpperBandNoise b = new UpperBandNoise(8000, -20);
        float[] parts = input.clone();
        int pos = 0;
        int step = 1;
        while (pos < parts.length) {
            int m = Math.min(step, parts.length - pos);
            b.addTo(parts, pos, m);
            pos += m;
            step = step * 3 % 4099 + 1;
        }
        assertArrayEquals(whole, parts);
        b.reset();
        float[] again = java.util.Arrays.copyOf(input, 1000);
        b.addTo(again, 0, again.length);
        assertArrayEquals(java.util.Arrays.copyOf(whole, 1000), again);
    }

    @Test
    void badSamplesDoNotPoisonTheEnvelope() {
        UpperBandNoise n = new UpperBandNoise(8000, -20);
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f};
        n.addTo(bad, 0, bad.length);
        float[] x = new float[48000 * 30];
        n.addTo(x, 0, x.length);
        for (float v : x) {
            assertTrue(Float.isFinite(v));
        }
        assertTrue(powerDb(x, x.length - 48000, x.length) < -90, "the floor decays back after the bad block");
    }

    @Test
    void levelsPerBandEdgeAndFullRateSources() {
        assertEquals(-40, UpperBandNoise.relativeLevelDb(4000), 1e-9);
        assertEquals(-20, UpperBandNoise.relativeLevelDb(8000), 1e-9);
        assertEquals(-20, UpperBandNoise.relativeLevelDb(11025), 1e-9);
        assertEquals(-20, UpperBandNoise.relativeLevelDb(12000), 1e-9);
        assertEquals(-40, UpperBandNoise.relativeLevelDb(14000), 1e-9);
        assertEquals(-60, UpperBandNoise.relativeLevelDb(16000), 1e-9);
        assertEquals(-60, UpperBandNoise.relativeLevelDb(22050), 1e-9);
        assertEquals(-30, UpperBandNoise.relativeLevelDb(6000), 1e-9);
        assertNull(UpperBandNoise.forSourceRate(48000));
        assertNull(UpperBandNoise.forSourceRate(96000));
        assertThrows(IllegalArgumentException.class, () -> new UpperBandNoise(24000, -20));
        assertThrows(IllegalArgumentException.class, () -> new UpperBandNoise(0, -20));
    }
}
