package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameChainTest {
    private static final float[] ONES = filled(1f);
    private static final float[] ZEROS = filled(0f);

    private static float[] filled(float v) {
        float[] a = new float[FrameFormat.BANDS];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] run(FrameChain chain, float[] x, float[] gains, float[] strengths, float post) {
        float[] y = new float[x.length];
        for (int t = 0; t + FrameFormat.HOP <= x.length; t += FrameFormat.HOP) {
            chain.analyze(x, t);
            chain.prepareOutputFrame();
            chain.synthesize(gains, strengths, post, 0f, y, t);
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void unityGainsReproduceTheInputDelayedByTheLatency(int lookahead) {
        float[] x = TestSignals.whiteNoise(100 * FrameFormat.HOP, 0.2, 3);
        FrameChain chain = new FrameChain(lookahead);
        assertEquals((1 + lookahead) * 480, chain.latencySamples());
        float[] y = run(chain, x, ONES, ZEROS, 0f);
        float[] ref = x;
        int d = chain.latencySamples();
        double err = 0;
        double sig = 0;
        for (int i = d; i < x.length; i++) {
            double e = y[i] - ref[i - d];
            err += e * e;
            sig += ref[i - d] * (double) ref[i - d];
        }
        assertTrue(10 * Math.log10(err / sig) < -100, "error " + 10 * Math.log10(err / sig) + " dB");
    }

    @Test
    void fullStrengthCombFilterKeepsAPeriodicSignal() {
        double[] f0 = new double[200 * FrameFormat.HOP];
        java.util.Arrays.fill(f0, 150.0);
        float[] x = TestSignals.harmonic(f0, 9);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 0.1f;
        }
        FrameChain chain = new FrameChain(2);
        float[] y = run(chain, x, ONES, ONES, 0f);
        float[] ref = x;
        int d = chain.latencySamples();
        double err = 0;
        double sig = 0;
        for (int i = 40 * FrameFormat.HOP; i < x.length; i++) {
            double e = y[i] - ref[i - d];
            err += e * e;
            sig += ref[i - d] * (double) ref[i - d];
        }
        assertTrue(10 * Math.log10(err / sig) < -30, "error " + 10 * Math.log10(err / sig) + " dB");
    }

    @Test
    void attenuationFloorLimitsTheNoiseReduction() {
        float[] x = TestSignals.whiteNoise(100 * FrameFormat.HOP, 0.2, 4);
        FrameChain chain = new FrameChain(0);
        float floor = (float) Math.pow(10, -12 / 20.0);
        float[] y = new float[x.length];
        for (int t = 0; t < x.length; t += FrameFormat.HOP) {
            chain.analyze(x, t);
            chain.prepareOutputFrame();
            chain.synthesize(ZEROS, null, 1f, floor, y, t);
        }
        double ratio = 20 * Math.log10(TestSignals.rms(java.util.Arrays.copyOfRange(y, 4800, y.length))
                / TestSignals.rms(x));
        assertEquals(-12.0, ratio, 0.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void outputEnergyIsTheBandEnergyOfTheDelayedSpectrum(int lookahead) {
        FrameChain chain = new FrameChain(lookahead);
        float[] x = TestSignals.whiteNoise(40 * FrameFormat.HOP, 0.3, 12);
        float[][] newest = new float[40][];
        for (int f = 0; f < 40; f++) {
            chain.analyze(x, f * FrameFormat.HOP);
            newest[f] = chain.newestEnergy().clone();
            chain.prepareOutputFrame();
            if (f >= lookahead) {
                // computed once when that frame was the newest, reused for the output frame
                org.junit.jupiter.api.Assertions.assertArrayEquals(newest[f - lookahead], chain.outputEnergy(), 0f,
                        "frame " + f);
            }
        }
    }

    @Test
    void badSamplesNeverPoisonTheState() {
        FrameChain chain = new FrameChain(2);
        float[] bad = new float[FrameFormat.HOP];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = i % 3 == 0 ? Float.NaN : (i % 3 == 1 ? Float.POSITIVE_INFINITY : 1e30f);
        }
        float[] good = TestSignals.whiteNoise(FrameFormat.HOP, 0.1, 5);
        float[] out = new float[FrameFormat.HOP];
        for (int t = 0; t < 5; t++) {
            chain.analyze(bad, 0);
            chain.prepareOutputFrame();
            chain.synthesize(ONES, ONES, 1f, 0f, out, 0);
        }
        for (int t = 0; t < 20; t++) {
            chain.analyze(good, 0);
            chain.prepareOutputFrame();
            chain.synthesize(ONES, ONES, 1f, 0f, out, 0);
            for (float v : out) {
                assertTrue(Float.isFinite(v));
            }
            for (float f : chain.features()) {
                assertTrue(Float.isFinite(f));
            }
        }
        assertTrue(TestSignals.rms(out) < 1.0, "recovered to the input's level");
    }

    @Test
    void perFramePathAllocatesNothing() {
        FrameChain chain = new FrameChain(2);
        float[] x = TestSignals.whiteNoise(FrameFormat.HOP, 0.1, 6);
        float[] out = new float[FrameFormat.HOP];
        float[] g = filled(0.5f);
        double perCall = TestSignals.bytesPerCall(() -> {
            chain.analyze(x, 0);
            chain.prepareOutputFrame();
            chain.synthesize(g, g, 1f, 0.01f, out, 0);
        }, 3000, 1000);
        assertEquals(0.0, perCall);
    }
}
