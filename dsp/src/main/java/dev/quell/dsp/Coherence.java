package dev.quell.dsp;

/**
 * Per-band pitch coherence q_b = Re sum_k w_b(k) X(k) P*(k) / sqrt(E_X,b E_P,b), clipped to
 * [0, 1] (ALGORITHM.md step 5): how much of band b of X is explained by its comb-filtered
 * (periodic) part P. Allocation-free; owns one scratch array, so one instance per stream.
 */
public final class Coherence {
    /** Energies below this (linear power, full scale 1.0) count as silence: q = 0. */
    public static final float SILENCE = 1e-12f;

    private final ErbBands bands;
    private final float[] corr = new float[FrameFormat.BANDS];

    /** @param bands the band layout */
    public Coherence(ErbBands bands) {
        this.bands = bands;
    }

    /**
     * Computes q_b.
     *
     * @param xr real parts of X (481 bins)
     * @param xi imaginary parts of X
     * @param pr real parts of P
     * @param pi imaginary parts of P
     * @param energyX band energies of X (34)
     * @param energyP band energies of P (34)
     * @param q output, 34 values in [0, 1]
     */
    public void compute(float[] xr, float[] xi, float[] pr, float[] pi,
                        float[] energyX, float[] energyP, float[] q) {
        bands.crossCorrelation(xr, xi, pr, pi, corr);
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            double d = (double) energyX[b] * energyP[b];
            if (energyX[b] < SILENCE || energyP[b] < SILENCE) {
                q[b] = 0f;
                continue;
            }
            double v = corr[b] / Math.sqrt(d);
            q[b] = (float) Math.max(0, Math.min(1, v));
        }
    }
}
