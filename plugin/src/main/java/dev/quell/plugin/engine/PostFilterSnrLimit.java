package dev.quell.plugin.engine;

/**
 * The post-filter strength the engine applies at the input's estimated SNR
 * ({@link dev.quell.dsp.SnrFromGains}, time constant {@value #TIME_CONSTANT_SECONDS} s): the
 * sharper warp (a strength above 1, which {@link PostFilterRateScale} gives at full-band rates)
 * only where the SNR is not low. At {@value #LOW_SNR_DB} dB and below a strength s becomes
 * min(s, 1); from {@value #HIGH_SNR_DB} dB on it stays s; between, it moves linearly in dB from
 * one to the other. A strength of 1 or less (8 and 16 kHz, a lower parameter, 0 ms look-ahead)
 * is never changed.
 *
 * <p>Why: PercepNet+ (Ge et al., Interspeech 2022, section 2.3) makes the envelope post-filter
 * depend on the SNR; measured on Quell, the sharper warp's cost and benefit sit at different
 * SNRs. The shipped model (v2) on the 72 dev pairs at 48 kHz, 20 ms look-ahead, four frame-grid
 * positions, strength 1.0 / 1.5 (the parameter at 67 / 100 %): at −5 dB input SNR, SI-SDR 1.87 /
 * 1.59 dB, STOI .676 / .661 and DNSMOS OVRL 2.127 / 2.120, so there the sharper warp only takes
 * weak speech; from 5 to 15 dB it costs 0.01–0.04 dB of SI-SDR for +0.015 to +0.025 OVRL
 * (docs/training-log.md, session 53). With this limit, the whole set gives SI-SDR 11.97 dB
 * against 11.92, STOI .868 against .866 (.672 against .661 at −5 dB) and the same OVRL (2.702
 * against 2.701; BAK 3.73 against 3.76, SIG 3.05 against 3.04). At 16 and 8 kHz a smaller
 * strength at low SNR was measured too (two thirds of 0.75 and 0.5) and lost OVRL there (2.579
 * against 2.601 and 2.585 against 2.592), which is why only the part above 1 is limited.
 *
 * <p>Stateless; allocation-free.
 */
public final class PostFilterSnrLimit {
    /** Time constant of the SNR estimate, seconds. */
    public static final double TIME_CONSTANT_SECONDS = 3.0;
    /** Estimated SNR at and below which the strength is at most 1, dB. */
    public static final float LOW_SNR_DB = -6f;
    /** Estimated SNR at and above which the whole strength applies, dB. */
    public static final float HIGH_SNR_DB = -1f;

    private PostFilterSnrLimit() {
    }

    /**
     * @param strength the post-filter strength after {@link PostFilterRateScale} (0..{@link
     *     dev.quell.dsp.PostFilter#MAX_STRENGTH})
     * @param snrDb the estimated SNR, dB (any value; NaN counts as high)
     * @return the strength to apply: {@code strength} itself when it is at most 1 or the SNR is
     *     at least {@value #HIGH_SNR_DB} dB, else between min(strength, 1) and strength, not
     *     decreasing in {@code snrDb}
     */
    public static float apply(float strength, float snrDb) {
        if (strength <= 1f || !(snrDb < HIGH_SNR_DB)) {
            return strength;
        }
        if (snrDb <= LOW_SNR_DB) {
            return 1f;
        }
        float t = (snrDb - LOW_SNR_DB) / (HIGH_SNR_DB - LOW_SNR_DB);
        return 1f + t * (strength - 1f);
    }
}
