package dev.quell.dsp;

/**
 * Envelope post-filter (ALGORITHM.md step 9; PercepNet section 3.3, after the post-filters of
 * speech codecs): warp the band gains so bands that are still noisy are pushed further down,
 * then restore loudness with one global factor.
 *
 * <ul>
 *   <li>warp: g_w = g * ((1 - s) + s * sin(pi/2 * g)) for a post-filter strength s in [0, 1]:
 *       s = 1 is PercepNet's g sin(pi g / 2), s = 0 leaves the gains as they are; for s in
 *       (1, {@value #MAX_STRENGTH}] the sine is raised to the power s, g_w = g * sin(pi/2 * g)^s,
 *       a sharper warp of the same shape (Quell's extension, continuous at s = 1: the engine
 *       applies it at full-band host rates, see {@code PostFilterRateScale});</li>
 *   <li>compensation: G = sqrt((1 + beta) (E0/E1) / (1 + beta (E0/E1)^2)), beta = 0.02, where
 *       E0 = sum_b g_b^2 E_b and E1 = sum_b g_w,b^2 E_b are the frame energies with the original
 *       and warped gains; G &lt;= sqrt((1+beta)/(2 sqrt beta)) = 1.90 (+5.6 dB); with s = 0,
 *       E0 = E1 and G = 1.</li>
 * </ul>
 * Output gains are G * g_w and may exceed 1 by up to that factor. Stateless; allocation-free.
 */
public final class PostFilter {
    /** beta of the global compensation. */
    public static final double BETA = 0.02;
    /** Largest strength applied; larger values are clamped to it. */
    public static final float MAX_STRENGTH = 2f;

    private PostFilter() {
    }

    /**
     * Applies the post-filter.
     *
     * @param gains band gains g_b in [0, 1] (34), replaced by G * g_w,b
     * @param energy band energies E_b the gains apply to (34, linear power)
     * @param strength post-filter strength s, clamped to [0, {@value #MAX_STRENGTH}]
     */
    public static void apply(float[] gains, float[] energy, float strength) {
        float s = Math.max(0f, Math.min(MAX_STRENGTH, strength));
        if (s == 0f) {
            return;
        }
        double e0 = 0;
        double e1 = 0;
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            double g = gains[b];
            double sine = Math.sin(0.5 * Math.PI * g);
            double gw = s <= 1f ? g * ((1 - s) + s * sine) : g * Math.pow(sine, s);
            e0 += g * g * energy[b];
            e1 += gw * gw * energy[b];
            gains[b] = (float) gw;
        }
        if (e1 <= 1e-30 || e0 <= 1e-30) {
            return;
        }
        double ratio = e0 / e1;
        double comp = Math.sqrt((1 + BETA) * ratio / (1 + BETA * ratio * ratio));
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            gains[b] = (float) (gains[b] * comp);
        }
    }
}
