package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StftTest {
    @Test
    void windowIsPowerComplementary() {
        for (int i = 0; i < FrameFormat.HOP; i++) {
            double s = Stft.window(i) * (double) Stft.window(i) + Stft.window(i + 480) * (double) Stft.window(i + 480);
            assertEquals(1.0, s, 1e-6);
        }
    }

    @Test
    void unityGainReconstructsInputDelayedByOneHop() {
        int hops = 200;
        float[] x = TestSignals.whiteNoise(hops * FrameFormat.HOP, 0.3, 11);
        float[] y = new float[x.length];
        Stft stft = new Stft();
        float[] re = new float[FrameFormat.BINS];
        float[] im = new float[FrameFormat.BINS];
        for (int t = 0; t < hops; t++) {
            stft.analyze(x, t * FrameFormat.HOP, re, im);
            stft.synthesize(re, im, y, t * FrameFormat.HOP);
        }
        double err = 0;
        double sig = 0;
        for (int i = FrameFormat.HOP; i < x.length; i++) {
            double d = y[i] - x[i - FrameFormat.HOP];
            err += d * d;
            sig += x[i - FrameFormat.HOP] * (double) x[i - FrameFormat.HOP];
        }
        double db = 10 * Math.log10(err / sig);
        assertTrue(db < -100, "reconstruction error " + db + " dB");
    }

    @Test
    void analysisAndSynthesisAllocateNothing() {
        Stft stft = new Stft();
        float[] x = TestSignals.whiteNoise(FrameFormat.HOP, 0.3, 1);
        float[] re = new float[FrameFormat.BINS];
        float[] im = new float[FrameFormat.BINS];
        assertEquals(0.0, TestSignals.bytesPerCall(() -> {
            stft.analyze(x, 0, re, im);
            stft.synthesize(re, im, x, 0);
        }, 3000, 1000));
    }
}
