package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RealFftTest {
    @Test
    void forwardMatchesDirectDft() {
        for (int n : new int[] {960, 64, 12}) {
            RealFft fft = new RealFft(n);
            float[] x = TestSignals.whiteNoise(n, 1, n);
            float[] re = new float[n / 2 + 1];
            float[] im = new float[n / 2 + 1];
            fft.forward(x, 0, re, im);
            double maxErr = 0;
            for (int k = 0; k <= n / 2; k++) {
                double sr = 0;
                double si = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * ((long) t * k % n) / n;
                    sr += x[t] * Math.cos(a);
                    si += x[t] * Math.sin(a);
                }
                maxErr = Math.max(maxErr, Math.hypot(re[k] - sr, im[k] - si));
            }
            assertTrue(maxErr < 1e-3, "n=" + n + " max error " + maxErr);
        }
    }

    @Test
    void inverseRestoresInput() {
        RealFft fft = new RealFft(960);
        float[] x = TestSignals.whiteNoise(960, 1, 7);
        float[] re = new float[481];
        float[] im = new float[481];
        float[] y = new float[960];
        fft.forward(x, 0, re, im);
        fft.inverse(re, im, y, 0);
        for (int i = 0; i < 960; i++) {
            assertEquals(x[i], y[i], 1e-5);
        }
    }

    @Test
    void allocatesNothingPerCall() {
        RealFft fft = new RealFft(960);
        float[] x = TestSignals.whiteNoise(960, 1, 3);
        float[] re = new float[481];
        float[] im = new float[481];
        assertEquals(0.0, TestSignals.bytesPerCall(() -> {
            fft.forward(x, 0, re, im);
            fft.inverse(re, im, x, 0);
        }, 3000, 1000));
    }
}
