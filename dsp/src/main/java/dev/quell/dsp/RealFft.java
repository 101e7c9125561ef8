package dev.quell.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Allocation-free real DFT of size {@code n = p * 2^m} (p odd, at most 31), for example
 * 960 = 15 * 64.
 *
 * <p>Why not call JTransforms' {@code realForward(960)} directly: for sizes that are not powers
 * of two JTransforms uses its mixed-radix path, which allocates a scratch array on every call
 * (measured: 7,712 bytes per forward+inverse pair at n = 960), and the audio path must not
 * allocate. Its power-of-two transforms allocate nothing, so this class splits the DFT with one
 * Cooley-Tukey step (Cooley &amp; Tukey 1965; any DSP text, e.g. Oppenheim &amp; Schafer,
 * "Discrete-Time Signal Processing", section 9.5): p interleaved sub-sequences are transformed
 * by JTransforms at size 2^m, and the radix-p combination (p-point DFTs with twiddles) is done
 * here: for p = 15 (the STFT's 960 = 15 * 64) by the prime-factor algorithm ({@link Dft15}),
 * otherwise by the direct p-point sum.
 *
 * <ul>
 *   <li>forward: X[k] = sum_n x[n] e^{-2 pi i n k / n}, k = 0 .. n/2 (unnormalised)</li>
 *   <li>inverse: x[n] = (1/n) sum_k X[k] e^{+2 pi i n k / n}, with X Hermitian-extended</li>
 * </ul>
 * Not thread-safe: one instance per thread/stream (it owns its scratch buffers).
 */
public final class RealFft {
    private final int n;
    private final int p;
    private final int q;
    private final DoubleFFT_1D sub;
    private final double[] cosTable;
    private final double[] sinTable;
    private final double[][] work;
    private final double[] spec;
    /** The radix-15 stage by the prime-factor algorithm (n = 15 * 2^m, the STFT's 960), else null. */
    private final Dft15 dft15;
    private final double[] tRe = new double[Dft15.N];
    private final double[] tIm = new double[Dft15.N];
    private final double[] dRe = new double[Dft15.N];
    private final double[] dIm = new double[Dft15.N];

    /**
     * Creates a transform of size {@code n}.
     *
     * @param n transform size, even, of the form p * 2^m with p odd and at most 31, 2^m at least 2
     * @throws IllegalArgumentException for other sizes
     */
    public RealFft(int n) {
        this(n, false);
    }

    /**
     * @param n transform size, as {@link #RealFft(int)}
     * @param directRadixStage true to combine the sub-transforms with the direct p-point DFT even
     *     when p = 15 (the reference the prime-factor stage is tested against)
     */
    RealFft(int n, boolean directRadixStage) {
        int pp = n;
        while (pp % 2 == 0 && pp > 0) {
            pp /= 2;
        }
        if (n < 4 || n % 2 != 0 || pp > 31 || n / pp < 2) {
            throw Messages.unsupportedFftSize(n);
        }
        this.n = n;
        this.p = pp;
        this.q = n / pp;
        this.sub = new DoubleFFT_1D(q);
        this.cosTable = new double[n];
        this.sinTable = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            cosTable[i] = Math.cos(a);
            sinTable[i] = Math.sin(a);
        }
        this.work = new double[p][2 * q];
        this.spec = new double[2 * n];
        this.dft15 = p == Dft15.N && !directRadixStage ? new Dft15() : null;
    }

    /** @return the transform size in samples */
    public int size() {
        return n;
    }

    /**
     * Forward transform of {@code n} real samples.
     *
     * @param x input, {@code n} samples from {@code off}
     * @param off offset into x
     * @param re output real parts, length at least n/2+1 (bins 0..n/2)
     * @param im output imaginary parts, same length; im[0] and im[n/2] are 0
     */
    public void forward(float[] x, int off, float[] re, float[] im) {
        forwardSubTransforms(x, off);
        if (p == 1) {
            double[] w = work[0];
            for (int k = 0; k <= n / 2; k++) {
                re[k] = (float) w[2 * k];
                im[k] = (float) w[2 * k + 1];
            }
            im[0] = 0;
            im[n / 2] = 0;
            return;
        }
        if (dft15 != null) {
            forwardPrimeFactor(re, im);
        } else {
            forwardDirectStage(re, im);
        }
        im[0] = 0;
        im[n / 2] = 0;
    }

    /**
     * Y_j = DFT_q of the sub-sequence x[off + p m + j], m &lt; q, into work[j], for j &lt; p. Two real
     * sequences share one complex transform (u in the real part, v in the imaginary part, then
     * {@link #separate}), so p sequences cost (p + 1) / 2 transforms of size q.
     */
    private void forwardSubTransforms(float[] x, int off) {
        int j = 0;
        for (; j + 1 < p; j += 2) {
            double[] w = work[j + 1];
            for (int m = 0; m < q; m++) {
                w[2 * m] = x[off + p * m + j];
                w[2 * m + 1] = x[off + p * m + j + 1];
            }
            sub.complexForward(w);
            separate(w, work[j]);
        }
        if (j < p) {
            double[] w = work[j];
            for (int m = 0; m < q; m++) {
                w[2 * m] = x[off + p * m + j];
                w[2 * m + 1] = 0;
            }
            sub.complexForward(w);
        }
    }

    /**
     * Splits W = DFT(u + i v), held in {@code w}, into the spectra of the two real sequences:
     * U[k] = (W[k] + conj W[-k]) / 2 into {@code u}, V[k] = (W[k] - conj W[-k]) / 2i into {@code w}
     * (indices mod q; interleaved complex). Each iteration reads W[k] and W[-k] before writing
     * either, so V can replace W in place.
     */
    private void separate(double[] w, double[] u) {
        for (int k = 0; k <= q / 2; k++) {
            int r = (q - k) % q;
            double wr = w[2 * k];
            double wi = w[2 * k + 1];
            double mr = w[2 * r];
            double mi = w[2 * r + 1];
            double ur = 0.5 * (wr + mr);
            double ui = 0.5 * (wi - mi);
            double vr = 0.5 * (wi + mi);
            double vi = 0.5 * (mr - wr);
            u[2 * k] = ur;
            u[2 * k + 1] = ui;
            u[2 * r] = ur;
            u[2 * r + 1] = -ui;
            w[2 * k] = vr;
            w[2 * k + 1] = vi;
            w[2 * r] = vr;
            w[2 * r + 1] = -vi;
        }
    }

    /** The radix-p combination of {@link #forward} as direct p-term sums. */
    private void forwardDirectStage(float[] re, float[] im) {
        // X[k] = sum_j W_n^{j k} * Y_j[k mod q], W_n = e^{-2 pi i / n}
        for (int k = 0; k <= n / 2; k++) {
            int km = k % q;
            double sr = 0;
            double si = 0;
            int idx = 0;
            for (int j = 0; j < p; j++) {
                double yr = work[j][2 * km];
                double yi = work[j][2 * km + 1];
                double c = cosTable[idx];
                double s = -sinTable[idx];
                sr += yr * c - yi * s;
                si += yr * s + yi * c;
                idx += k;
                if (idx >= n) {
                    idx -= n;
                }
            }
            re[k] = (float) sr;
            im[k] = (float) si;
        }
    }

    /**
     * The radix-15 combination of {@link #forward} as 15-point DFTs: with k = km + q k2,
     * X[k] = sum_j (W_n^{j km} Y_j[km]) W_15^{j k2}, one {@link Dft15} per residue km = k mod q. The
     * input is real, so X[n - k] = conj X[k]; a residue km in (q/2, q) is the mirror of q - km,
     * so only km &lt;= q/2 is transformed and each of its outputs above n/2 gives, conjugated, the
     * bin n - k.
     */
    private void forwardPrimeFactor(float[] re, float[] im) {
        int half = n / 2;
        for (int km = 0; km <= q / 2; km++) {
            for (int j = 0; j < p; j++) {
                double yr = work[j][2 * km];
                double yi = work[j][2 * km + 1];
                int t = j * km; // < n
                double c = cosTable[t];
                double s = sinTable[t];
                tRe[j] = yr * c + yi * s; // times e^{-2 pi i t / n}
                tIm[j] = yi * c - yr * s;
            }
            dft15.transform(tRe, tIm, dRe, dIm, -1);
            boolean mirrored = km != 0 && 2 * km != q;
            for (int k2 = 0; k2 < p; k2++) {
                int k = km + q * k2;
                if (k <= half) {
                    re[k] = (float) dRe[k2];
                    im[k] = (float) dIm[k2];
                } else if (mirrored) {
                    re[n - k] = (float) dRe[k2];
                    im[n - k] = (float) -dIm[k2];
                }
            }
        }
    }

    /**
     * The radix-15 combination of {@link #inverse} as 15-point DFTs:
     * Z_j[k1] = W_n^{-j k1} sum_{k2} X[k1 + q k2] W_15^{-j k2} for all j at once, one inverse
     * {@link Dft15} per k1 &lt;= q/2; the sub-sequences
     * of a real signal have Hermitian spectra, so Z_j[q - k1] = conj Z_j[k1] fills the rest.
     */
    private void inversePrimeFactor() {
        for (int k1 = 0; k1 <= q / 2; k1++) {
            for (int k2 = 0; k2 < p; k2++) {
                int kk = k1 + q * k2;
                tRe[k2] = spec[2 * kk];
                tIm[k2] = spec[2 * kk + 1];
            }
            dft15.transform(tRe, tIm, dRe, dIm, +1);
            int mirror = (q - k1) % q;
            for (int j = 0; j < p; j++) {
                int t = j * k1; // < n
                double c = cosTable[t];
                double s = sinTable[t];
                double zr = dRe[j] * c - dIm[j] * s;
                double zi = dRe[j] * s + dIm[j] * c;
                work[j][2 * k1] = zr;
                work[j][2 * k1 + 1] = zi;
                if (mirror != k1) {
                    work[j][2 * mirror] = zr;
                    work[j][2 * mirror + 1] = -zi;
                }
            }
        }
    }

    /**
     * Inverse transform to {@code n} real samples, scaled by 1/n so that
     * {@code inverse(forward(x)) == x}.
     *
     * @param re real parts of bins 0..n/2
     * @param im imaginary parts of bins 0..n/2 (im[0], im[n/2] are ignored)
     * @param x output, {@code n} samples written from {@code off}
     * @param off offset into x
     */
    public void inverse(float[] re, float[] im, float[] x, int off) {
        // Hermitian extension into spec (interleaved complex, length n).
        spec[0] = re[0];
        spec[1] = 0;
        for (int k = 1; k < n / 2; k++) {
            spec[2 * k] = re[k];
            spec[2 * k + 1] = im[k];
            spec[2 * (n - k)] = re[k];
            spec[2 * (n - k) + 1] = -im[k];
        }
        spec[n] = re[n / 2];
        spec[n + 1] = 0;
        double scale = 1.0 / n;
        if (p == 1) {
            double[] w = work[0];
            System.arraycopy(spec, 0, w, 0, 2 * n);
            sub.complexInverse(w, false);
            for (int m = 0; m < n; m++) {
                x[off + m] = (float) (w[2 * m] * scale);
            }
            return;
        }
        // x[p*m + j] = (1/n) sum_{k1<q} W_q^{-m k1} * Z_j[k1],
        // Z_j[k1] = W_n^{-j k1} * sum_{k2<p} X[k1 + q k2] * W_p^{-j k2}.
        if (dft15 != null) {
            inversePrimeFactor();
        } else {
            inverseDirectStage();
        }
        inverseSubTransforms(x, off, scale);
    }

    /**
     * x[off + p m + j] = scale * IDFT_q(Z_j)[m] for every j. Each Z_j is Hermitian (its sequence
     * is real), so two share one complex transform: IDFT(Z_j + i Z_{j+1}) = x_j + i x_{j+1}.
     */
    private void inverseSubTransforms(float[] x, int off, double scale) {
        int j = 0;
        for (; j + 1 < p; j += 2) {
            double[] w = work[j];
            double[] v = work[j + 1];
            for (int m = 0; m < q; m++) {
                double zr = w[2 * m];
                w[2 * m] = zr - v[2 * m + 1];
                w[2 * m + 1] += v[2 * m];
            }
            sub.complexInverse(w, false);
            for (int m = 0; m < q; m++) {
                x[off + p * m + j] = (float) (w[2 * m] * scale);
                x[off + p * m + j + 1] = (float) (w[2 * m + 1] * scale);
            }
        }
        if (j < p) {
            double[] w = work[j];
            sub.complexInverse(w, false);
            for (int m = 0; m < q; m++) {
                x[off + p * m + j] = (float) (w[2 * m] * scale);
            }
        }
    }

    /** The radix-p combination of {@link #inverse} as direct p-term sums: Z_j[k1] into work[j]. */
    private void inverseDirectStage() {
        for (int j = 0; j < p; j++) {
            double[] w = work[j];
            for (int k1 = 0; k1 < q; k1++) {
                double sr = 0;
                double si = 0;
                int idx = 0;
                int step = j * q; // W_p^{j k2} = W_n^{j q k2}
                for (int k2 = 0; k2 < p; k2++) {
                    int kk = k1 + q * k2;
                    double xr = spec[2 * kk];
                    double xi = spec[2 * kk + 1];
                    double c = cosTable[idx];
                    double s = sinTable[idx];
                    sr += xr * c - xi * s;
                    si += xr * s + xi * c;
                    idx += step;
                    if (idx >= n) {
                        idx -= n;
                    }
                }
                int t = (j * k1) % n;
                double c = cosTable[t];
                double s = sinTable[t];
                w[2 * k1] = sr * c - si * s;
                w[2 * k1 + 1] = sr * s + si * c;
            }
        }
    }
}
