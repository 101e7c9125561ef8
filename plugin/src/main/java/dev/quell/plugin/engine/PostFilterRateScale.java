package dev.quell.plugin.engine;

/**
 * How much of the post-filter parameter the engine applies at a host sample rate:
 * {@value #NARROWBAND_SCALE} of it at {@value #NARROWBAND_RATE} Hz (telephone band),
 * {@value #WIDEBAND_SCALE} of it at {@value #WIDEBAND_RATE} Hz, {@value #FULLBAND_SCALE} times it
 * at {@value #FULLBAND_RATE} Hz and above, linear in the rate between (1 at about 26.7 kHz, 1.41
 * at 44.1 kHz). A strength above 1 is the sharper warp of {@link dev.quell.dsp.PostFilter}
 * (g sin(pi g / 2)^s).
 *
 * <p>Why: the envelope post-filter (ALGORITHM.md step 9, PercepNet section 3.3) pushes the small
 * band gains toward g², which removes residual noise (DNSMOS BAK) but also weak speech. On 8 kHz
 * speech, where every band STOI weighs carries speech, that costs intelligibility: on the dev
 * pairs at 8 kHz with model-v2 candidate m15 (docs/training-log.md, session 30) STOI at −5 and
 * 0 dB input SNR was .637 / .727 at full strength, below the noisy input's .641 / .732, and
 * .668 / .750 at half strength, for DNSMOS OVRL 2.650 against 2.577. At 16 kHz the same holds
 * for voices the model did not train on: with the shipped model (v2) on the unseen-voice pairs,
 * four frame-grid positions, strength 1 / 0.75 / 0.5 gave STOI at −5 dB input .577 / .611 / .620
 * (input .591) and DNSMOS OVRL 2.637 / 2.609 / 2.592; on the dev pairs STOI at −5 dB .650 / .670 /
 * .677 (input .639) and OVRL 2.641 / 2.601 / 2.576, against model v1's 2.481 (docs/training-log.md,
 * session 48). 0.75 takes most of the intelligibility for half the OVRL of 0.5. At 48 kHz, where
 * most of the 34 bands lie above the speech harmonics, strength 1.5 gave the shipped model DNSMOS
 * OVRL 2.686 against 2.651 at strength 1 and 2.674 at strength 2, for SI-SDR 11.95 dB against
 * 12.04 and 11.82, with STOI above the input at every SNR from −5 to 10 dB (docs/training-log.md,
 * session 44).
 *
 * <p>The sharper warp needs look-ahead: without it (0 ms) the network's gains are less sure, and
 * strength 1.5 left the shipped model's STOI at −5 dB input SNR at .638, below the noisy input's
 * .639 (48 kHz dev pairs), where strength 1 keeps .657 (SI-SDR 11.58 dB against 11.50, DNSMOS OVRL
 * 2.531 against 2.553; docs/training-log.md, session 45). So at 0 ms look-ahead the factor is
 * capped at 1; at 10 and 20 ms (STOI at −5 dB .649 and .656 with strength 1.5) it is not.
 *
 * <p>The engine then limits a factor above 1 to 1 while the input's estimated SNR is low
 * ({@link PostFilterSnrLimit}).
 *
 * <p>Stateless; allocation-free.
 */
public final class PostFilterRateScale {
    /** Host rate at which the post-filter is applied at {@link #NARROWBAND_SCALE}, Hz. */
    public static final int NARROWBAND_RATE = 8000;
    /** Host rate at which the post-filter is applied at {@link #WIDEBAND_SCALE}, Hz. */
    public static final int WIDEBAND_RATE = 16000;
    /** Host rate from which the post-filter is applied at {@link #FULLBAND_SCALE}, Hz. */
    public static final int FULLBAND_RATE = 48000;
    /** Share of the post-filter parameter applied at {@link #NARROWBAND_RATE}. */
    public static final float NARROWBAND_SCALE = 0.5f;
    /** Share of the post-filter parameter applied at {@link #WIDEBAND_RATE}. */
    public static final float WIDEBAND_SCALE = 0.75f;
    /** Factor on the post-filter parameter from {@link #FULLBAND_RATE} on. */
    public static final float FULLBAND_SCALE = 1.5f;
    /**
     * What this scale does, in words for a command's help: a constant expression of the constants
     * above, so that an annotation can use it and it follows them.
     */
    public static final String SUMMARY = "the engine applies " + NARROWBAND_SCALE + " of it at " + NARROWBAND_RATE
            + " Hz, " + WIDEBAND_SCALE + " at " + WIDEBAND_RATE + " Hz and " + FULLBAND_SCALE + " times it (a sharper warp)"
            + " from " + FULLBAND_RATE + " Hz, linear in the rate between; at most all of it at 0 ms look-ahead"
            + " or while the input's estimated SNR is " + (int) PostFilterSnrLimit.LOW_SNR_DB + " dB or lower.";

    private PostFilterRateScale() {
    }

    /**
     * @param hostRateHz host sample rate, Hz (any positive value; rates below
     *     {@value #NARROWBAND_RATE} Hz get the narrowband scale, rates above
     *     {@value #FULLBAND_RATE} Hz the full-band one)
     * @param lookaheadHops the engine's look-ahead in 10 ms hops (0, 1 or 2; negative counts as 0)
     * @return the factor, in [{@value #NARROWBAND_SCALE}, {@value #FULLBAND_SCALE}] and at most 1
     *     when {@code lookaheadHops} is 0, that multiplies the post-filter parameter (0..1) before
     *     the engine applies it
     */
    public static float of(int hostRateHz, int lookaheadHops) {
        float scale = ofRate(hostRateHz);
        return lookaheadHops > 0 ? scale : Math.min(scale, 1f);
    }

    private static float ofRate(int hostRateHz) {
        if (hostRateHz <= NARROWBAND_RATE) {
            return NARROWBAND_SCALE;
        }
        if (hostRateHz >= FULLBAND_RATE) {
            return FULLBAND_SCALE;
        }
        if (hostRateHz <= WIDEBAND_RATE) {
            float t = (float) (hostRateHz - NARROWBAND_RATE) / (WIDEBAND_RATE - NARROWBAND_RATE);
            return NARROWBAND_SCALE + t * (WIDEBAND_SCALE - NARROWBAND_SCALE);
        }
        float t = (float) (hostRateHz - WIDEBAND_RATE) / (FULLBAND_RATE - WIDEBAND_RATE);
        return WIDEBAND_SCALE + t * (FULLBAND_SCALE - WIDEBAND_SCALE);
    }
}
