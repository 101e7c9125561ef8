package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RealFftTest {
    @Test
    void forwardMatchesDirectDft() {
        // 960, 480, 30: the prime-factor stage (p = 15) with q = 64, 32, 2; 12 and 20: the direct
        // stage (p = 3, 5); 64: one transform; every odd p leaves one unpaired sub-sequence
        for (int n : new int[] {960, 480, 30, 64, 12, 20}) {
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
    void dft15MatchesTheDirectSum() {
        java.util.Random r = new java.util.Random(15);
        double[] re = new double[15];
        double[] im = new double[15];
        for (int i = 0; i < 15; i++) {
            re[i] = r.nextGaussian();
            im[i] = r.nextGaussian();
        }
        double[] outRe = new double[15];
        double[] outIm = new double[15];
        Dft15 dft = new Dft15();
        for (int sign : new int[] {-1, 1}) {
            dft.transform(re, im, outRe, outIm, sign);
            for (int k = 0; k < 15; k++) {
                double sr = 0;
                double si = 0;
                for (int t = 0; t < 15; t++) {
                    double a = sign * 2 * Math.PI * (t * k % 15) / 15;
                    sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                    si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
                }
                assertEquals(sr, outRe[k], 1e-12, "sign " + sign + " k " + k);
                assertEquals(si, outIm[k], 1e-12, "sign " + sign + " k " + k);
            }
        }
    }

    /** The prime-factor radix-15 stage against the direct one it replaced, both ways, at 960. */
    @Test
    void primeFactorStageEqualsTheDirectStage() {
        RealFft fast = new RealFft(960);
        RealFft direct = new RealFft(960, true);
        float[] x = TestSignals.whiteNoise(960, 1, 11);
        float[] re1 = new float[481];
        float[] im1 = new float[481];
        float[] re2 = new float[481];
        float[] im2 = new float[481];
        fast.forward(x, 0, re1, im1);
        direct.forward(x, 0, re2, im2);
        for (int k = 0; k <= 480; k++) {
            assertEquals(re2[k], re1[k], 1e-5 * (1 + Math.abs(re2[k])), "re " + k);
            assertEquals(im2[k], im1[k], 1e-5 * (1 + Math.abs(im2[k])), "im " + k);
        }
        float[] y1 = new float[960];
        float[] y2 = new float[960];
        fast.inverse(re2, im2, y1, 0);
        direct.inverse(re2, im2, y2, 0);
        for (int i = 0; i < 960; i++) {
            assertEquals(y2[i], y1[i], 1e-6 * (1 + Math.abs(y2[i])), "x " + i);
        }
    }

    @Test
    void inverseRestoresInput() {
        for (int n : new int[] {960, 480, 30, 64, 12, 20}) {
            RealFft fft = new RealFft(n);
            float[] x = TestSignals.whiteNoise(n, 1, 7);
            float[] re = new float[n / 2 + 1];
            float[] im = new float[n / 2 + 1];
            float[] y = new float[n];
            fft.forward(x, 0, re, im);
            fft.inverse(re, im, y, 0);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], y[i], 1e-5, "n=" + n + " sample " + i);
            }
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
