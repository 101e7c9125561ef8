package dev.quell.train;

import org.jtransforms.fft.DoubleFFT_1D;

/** FFT convolution for long impulse responses (training-time only; allocates). */
public final class Convolution {
    private Convolution() {
    }

    /**
     * y[i] = sum_k h[k] x[i - k] for i in 0..x.length-1 (the first x.length samples of the full
     * convolution), computed with one power-of-two FFT.
     *
     * @param x signal
     * @param h impulse response
     * @return x.length samples
     */
    public static float[] causal(float[] x, float[] h) {
        if (h.length == 0) {
            return new float[x.length];
        }
        int n = Integer.highestOneBit(x.length + h.length - 1);
        if (n < x.length + h.length - 1) {
            n <<= 1;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int i = 0; i < h.length; i++) {
            b[i] = h[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 1; k < n / 2; k++) {
            double re = a[2 * k] * b[2 * k] - a[2 * k + 1] * b[2 * k + 1];
            double im = a[2 * k] * b[2 * k + 1] + a[2 * k + 1] * b[2 * k];
            a[2 * k] = re;
            a[2 * k + 1] = im;
        }
        fft.realInverse(a, true);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) a[i];
        }
        return y;
    }
}
