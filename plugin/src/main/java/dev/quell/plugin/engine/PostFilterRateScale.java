package dev.quell.plugin.engine;

/**
 * How much of the post-filter parameter the engine applies at a host sample rate: all of it at
 * {@value #FULL_RATE} Hz and above, {@value #NARROWBAND_SCALE} of it at {@value #NARROWBAND_RATE} Hz
 * (telephone band), linear in the rate between.
 *
 * <p>Why: the envelope post-filter (ALGORITHM.md step 9, PercepNet section 3.3) pushes the small
 * band gains toward g², which removes residual noise (DNSMOS BAK) but also weak speech. On 8 kHz
 * speech, where every band STOI weighs carries speech, that costs intelligibility: on the dev
 * pairs at 8 kHz with model-v2 candidate m15 (docs/training-log.md, session 30) STOI at −5 and
 * 0 dB input SNR was .637 / .727 at full strength, below the noisy input's .641 / .732, and
 * .668 / .750 at half strength, for DNSMOS OVRL 2.650 against 2.577. At 16 kHz the full
 * post-filter keeps STOI above the input at every SNR, so it stays.
 *
 * <p>Stateless; allocation-free.
 */
public final class PostFilterRateScale {
    /** Host rate at which the post-filter is applied at {@link #NARROWBAND_SCALE}, Hz. */
    public static final int NARROWBAND_RATE = 8000;
    /** Host rate from which the post-filter is applied in full, Hz. */
    public static final int FULL_RATE = 16000;
    /** Share of the post-filter parameter applied at {@link #NARROWBAND_RATE}. */
    public static final float NARROWBAND_SCALE = 0.5f;

    private PostFilterRateScale() {
    }

    /**
     * @param hostRateHz host sample rate, Hz (any positive value; rates below
     *     {@value #NARROWBAND_RATE} Hz get the narrowband scale)
     * @return the factor, in [{@value #NARROWBAND_SCALE}, 1], that multiplies the post-filter
     *     parameter (0..1) before the engine applies it
     */
    public static float of(int hostRateHz) {
        if (hostRateHz >= FULL_RATE) {
            return 1f;
        }
        if (hostRateHz <= NARROWBAND_RATE) {
            return NARROWBAND_SCALE;
        }
        float t = (float) (hostRateHz - NARROWBAND_RATE) / (FULL_RATE - NARROWBAND_RATE);
        return NARROWBAND_SCALE + t * (1f - NARROWBAND_SCALE);
    }
}
