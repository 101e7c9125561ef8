package dev.quell.dsp;

/**
 * 15-point complex DFT by the prime-factor (Good-Thomas) algorithm: 15 = 3 x 5 with coprime
 * factors, so the DFT splits into five 3-point and three 5-point DFTs without twiddle factors
 * (Good 1958; Burrus &amp; Parks, "DFT/FFT and Convolution Algorithms", 1985, ch. 4; any DSP text,
 * e.g. Oppenheim &amp; Schafer, "Discrete-Time Signal Processing", section 9.5.2). Input index
 * n = (5 n1 + 3 n2) mod 15, output index k = (10 k1 + 6 k2) mod 15 (the Chinese remainder map),
 * so that nk = 5 n1 k1 + 3 n2 k2 (mod 15). The 3- and 5-point DFTs use the symmetric
 * (cosine/sine pair) forms: 4 and 16 real multiplications instead of 9 and 25 complex ones.
 *
 * <p>{@code out[k] = sum_{n<15} in[n] e^{sign 2 pi i n k / 15}}, unnormalised, in double
 * precision; sign -1 is the forward transform, +1 the inverse. About 15 times fewer
 * multiplications than the direct sum. Allocation-free. Not thread-safe (scratch buffers).
 */
final class Dft15 {
    /** Transform size. */
    static final int N = 15;

    private static final double C3 = -0.5; // cos(2 pi / 3)
    private static final double S3 = Math.sqrt(3) / 2; // sin(2 pi / 3)
    private static final double C51 = Math.cos(2 * Math.PI / 5);
    private static final double C52 = Math.cos(4 * Math.PI / 5);
    private static final double S51 = Math.sin(2 * Math.PI / 5);
    private static final double S52 = Math.sin(4 * Math.PI / 5);

    private final double[] midRe = new double[N]; // [k1 * 5 + n2]
    private final double[] midIm = new double[N];

    /**
     * @param inRe real parts of the 15 inputs (not modified)
     * @param inIm imaginary parts of the 15 inputs (not modified)
     * @param outRe receives the real parts of the 15 outputs (may not be inRe)
     * @param outIm receives the imaginary parts of the 15 outputs (may not be inIm)
     * @param sign -1 for the forward transform, +1 for the inverse
     */
    void transform(double[] inRe, double[] inIm, double[] outRe, double[] outIm, int sign) {
        double s3 = sign * S3;
        for (int n2 = 0; n2 < 5; n2++) { // 3-point DFTs over n1
            int i0 = (3 * n2) % N;
            int i1 = (5 + 3 * n2) % N;
            int i2 = (10 + 3 * n2) % N;
            double tr = inRe[i1] + inRe[i2];
            double ti = inIm[i1] + inIm[i2];
            double dr = s3 * (inRe[i1] - inRe[i2]);
            double di = s3 * (inIm[i1] - inIm[i2]);
            double mr = inRe[i0] + C3 * tr;
            double mi = inIm[i0] + C3 * ti;
            midRe[n2] = inRe[i0] + tr;
            midIm[n2] = inIm[i0] + ti;
            midRe[5 + n2] = mr - di; // + i * s3 * (a1 - a2)
            midIm[5 + n2] = mi + dr;
            midRe[10 + n2] = mr + di;
            midIm[10 + n2] = mi - dr;
        }
        double s51 = sign * S51;
        double s52 = sign * S52;
        for (int k1 = 0; k1 < 3; k1++) { // 5-point DFTs over n2
            int b = 5 * k1;
            double a0r = midRe[b];
            double a0i = midIm[b];
            double t1r = midRe[b + 1] + midRe[b + 4];
            double t1i = midIm[b + 1] + midIm[b + 4];
            double t2r = midRe[b + 2] + midRe[b + 3];
            double t2i = midIm[b + 2] + midIm[b + 3];
            double d1r = midRe[b + 1] - midRe[b + 4];
            double d1i = midIm[b + 1] - midIm[b + 4];
            double d2r = midRe[b + 2] - midRe[b + 3];
            double d2i = midIm[b + 2] - midIm[b + 3];
            double m1r = a0r + C51 * t1r + C52 * t2r;
            double m1i = a0i + C51 * t1i + C52 * t2i;
            double m2r = a0r + C52 * t1r + C51 * t2r;
            double m2i = a0i + C52 * t1i + C51 * t2i;
            double u1r = s51 * d1r + s52 * d2r; // X1 = m1 + i u1, X4 = m1 - i u1
            double u1i = s51 * d1i + s52 * d2i;
            double u2r = s52 * d1r - s51 * d2r; // X2 = m2 + i u2, X3 = m2 - i u2
            double u2i = s52 * d1i - s51 * d2i;
            int base = 10 * k1;
            put(outRe, outIm, base, a0r + t1r + t2r, a0i + t1i + t2i);
            put(outRe, outIm, base + 6, m1r - u1i, m1i + u1r);
            put(outRe, outIm, base + 12, m2r - u2i, m2i + u2r);
            put(outRe, outIm, base + 18, m2r + u2i, m2i - u2r);
            put(outRe, outIm, base + 24, m1r + u1i, m1i - u1r);
        }
    }

    private static void put(double[] re, double[] im, int k, double vr, double vi) {
        int i = k % N;
        re[i] = vr;
        im[i] = vi;
    }
}
