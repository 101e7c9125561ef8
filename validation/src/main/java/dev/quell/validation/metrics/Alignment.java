package dev.quell.validation.metrics;

/**
 * How a render lines up with a reference: the lag that best matches them and what is left after
 * scaling. Used to check a host's latency compensation: a compensated render of the same stream
 * matches the reference best at lag 0.
 *
 * <p>For each lag d in [-maxLag, maxLag] the render r is compared with the reference x shifted by
 * d over their common span: the least-squares gain g = &lt;x, r&gt; / &lt;x, x&gt; and the
 * residual energy ratio |r - g x|^2 / |r|^2. The best lag minimises that ratio.
 *
 * @param lag samples the render trails the reference by (negative: it leads)
 * @param residualDb the residual energy ratio at that lag in dB (-inf for an exact scaled copy)
 * @param gain the least-squares gain at that lag (linear)
 * @param residualAtZeroDb the residual energy ratio at lag 0 in dB
 */
public record Alignment(int lag, double residualDb, double gain, double residualAtZeroDb) {
    /**
     * @param reference x, any length
     * @param render r, any length
     * @param maxLag largest |lag| searched, samples (at least 0)
     * @return the best lag and the residuals
     * @throws IllegalArgumentException if maxLag is negative or the signals leave no common span at some lag
     */
    public static Alignment of(float[] reference, float[] render, int maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be at least 0, not " + maxLag);
        }
        int best = 0;
        double[] bestFit = fit(reference, render, 0);
        double[] zero = bestFit;
        for (int d = -maxLag; d <= maxLag; d++) {
            double[] f = fit(reference, render, d);
            if (f[0] < bestFit[0]) {
                bestFit = f;
                best = d;
            }
        }
        return new Alignment(best, 10 * Math.log10(bestFit[0]), bestFit[1], 10 * Math.log10(zero[0]));
    }

    /** Residual ratio and gain of render[n] against reference[n - d] over the common span. */
    private static double[] fit(float[] x, float[] r, int d) {
        int from = Math.max(0, d);
        int to = Math.min(r.length, x.length + d);
        if (to - from <= 0) {
            throw new IllegalArgumentException("no common span at lag " + d);
        }
        double xx = 0;
        double xr = 0;
        double rr = 0;
        for (int n = from; n < to; n++) {
            double a = x[n - d];
            double b = r[n];
            xx += a * a;
            xr += a * b;
            rr += b * b;
        }
        double g = xx > 0 ? xr / xx : 0;
        double res = rr - 2 * g * xr + g * g * xx;
        return new double[] {rr > 0 ? Math.max(res, 0) / rr : 1, g};
    }
}
