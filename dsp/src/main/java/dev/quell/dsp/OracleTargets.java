package dev.quell.dsp;

/**
 * Ideal ("oracle") band gains g_b and pitch-filter strengths r_b from aligned clean and noisy
 * frames: the training targets of the network and the gains of oracle mode (ALGORITHM.md,
 * "Training targets"; PercepNet section 4).
 *
 * <ul>
 *   <li>g_b = sqrt(E_x,b / E_y,b), clipped to [0, 1];</li>
 *   <li>with sigma^2 = sum_k w_k^2 of the comb taps actually used, the coherence the noisy band
 *       would reach after full comb filtering is q_p = q_y / sqrt((1 - sigma^2) q_y^2 + sigma^2);</li>
 *   <li>if q_x &lt;= q_y the band is already as periodic as the clean one: r_b = 0;</li>
 *   <li>if q_p &lt; q_x the filter cannot reach the clean periodicity: r_b = 1 and the gain gets
 *       the extra factor sqrt((1 + n0 - q_x^2) / (1 + n0 - q_p^2)), n0 = 0.03 (about -15 dB),
 *       which removes the noise the comb filter leaves in;</li>
 *   <li>otherwise a = q_p^2 - q_x^2, b = q_p q_y (1 - q_x^2), c = q_x^2 - q_y^2,
 *       alpha = (sqrt(b^2 + a c) - b) / a, r_b = alpha / (1 + alpha), clipped to [0, 1] (for
 *       a -&gt; 0 the limit alpha = c / (2 b) is used);</li>
 *   <li>mask_b = 0 ("don't care") where both band energies are below {@link #NEGLIGIBLE} or the band's
 *       lower node lies above the source band limit; 1 elsewhere.</li>
 * </ul>
 * Stateless; allocation-free.
 */
public final class OracleTargets {
    /** Band energy (linear power, full scale 1.0) below which a band is negligible (about -100 dB). */
    public static final float NEGLIGIBLE = 1e-10f;
    /** n0 of the gain correction when the comb filter cannot reach the clean periodicity. */
    public static final double N0 = 0.03;

    private OracleTargets() {
    }

    /**
     * Computes targets for one frame.
     *
     * @param cleanEnergy E_x,b (34)
     * @param noisyEnergy E_y,b (34)
     * @param cleanCoherence q_x,b: clean frame against the comb output of the clean signal (34)
     * @param noisyCoherence q_y,b: noisy frame against the comb output of the noisy signal (34)
     * @param sigma2 sum of squared comb taps, (0, 1]
     * @param bandLimitHz highest frequency the clean source contains (Hz); bands starting above it
     *     are masked. Use {@code Double.POSITIVE_INFINITY} for fullband sources.
     * @param withComb true when the comb filter will be applied with the returned strengths (adds
     *     the gain correction for q_p &lt; q_x); false for gains-only use, where r_b is still
     *     returned but the gain is plain sqrt(E_x/E_y)
     * @param gains output g_b in [0, 1] (34)
     * @param strengths output r_b in [0, 1] (34)
     * @param mask output 1 (train on it) or 0 (don't care) (34)
     */
    public static void compute(float[] cleanEnergy, float[] noisyEnergy,
                               float[] cleanCoherence, float[] noisyCoherence, float sigma2,
                               double bandLimitHz, boolean withComb,
                               float[] gains, float[] strengths, float[] mask) {
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            float ex = cleanEnergy[b];
            float ey = noisyEnergy[b];
            double lowerNode = ErbBands.nodeHz(Math.max(0, b - 1));
            boolean negligible = ex < NEGLIGIBLE && ey < NEGLIGIBLE;
            mask[b] = negligible || lowerNode >= bandLimitHz ? 0f : 1f;
            double g = ey > NEGLIGIBLE ? Math.sqrt(ex / ey) : (ex > NEGLIGIBLE ? 1 : 0);
            g = Math.min(1, g);
            double r = 0;
            double qx = clip(cleanCoherence[b]);
            double qyRaw = clip(noisyCoherence[b]);
            double qy = Math.min(qyRaw, 0.9999); // keeps q_p finite; the comparison uses the raw value
            if (qx > qyRaw + 1e-6) {
                double qp = qy / Math.sqrt((1 - sigma2) * qy * qy + sigma2);
                if (qp < qx) {
                    r = 1;
                    if (withComb) {
                        g *= Math.sqrt((1 + N0 - qx * qx) / (1 + N0 - qp * qp));
                    }
                } else {
                    double a = qp * qp - qx * qx;
                    double bb = qp * qy * (1 - qx * qx);
                    double c = qx * qx - qy * qy;
                    double alpha = Math.abs(a) < 1e-9
                            ? (bb > 1e-12 ? c / (2 * bb) : 1e6)
                            : (Math.sqrt(Math.max(0, bb * bb + a * c)) - bb) / a;
                    r = alpha / (1 + alpha);
                }
            }
            gains[b] = (float) Math.max(0, Math.min(1, g));
            strengths[b] = (float) Math.max(0, Math.min(1, r));
        }
    }

    private static double clip(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
