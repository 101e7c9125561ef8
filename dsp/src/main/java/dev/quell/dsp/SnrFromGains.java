package dev.quell.dsp;

/**
 * A running estimate of the input's speech-to-noise ratio, read from the band gains the network
 * chose and the band energies they apply to. The engine uses it to make the envelope
 * post-filter SNR-aware (PercepNet+, Ge et al., Interspeech 2022, section 2.3, makes the
 * post-filter depend on the SNR; see {@code PostFilterSnrLimit} for the direction Quell found).
 *
 * <p>Per frame, with band gains g_b clamped to [0, 1] (before the post-filter) and the frame's
 * band energies E_b (linear power): speech s = sum_b g_b^2 E_b, noise n = sum_b (1 - g_b^2) E_b.
 * A band gain is the amplitude ratio of speech to input in its band (ALGORITHM.md step 6), so
 * g^2 E is the speech's share of the band's energy and the rest is noise. Both are averaged over
 * time from the first frame whose gains keep at least {@link #ONSET_SHARE} of its energy
 * (s &ge; {@value #ONSET_SHARE} (s + n)), so noise before the first word does not count:
 * S += a (s - S), N += a (n - N), with a = max(1 / (t + 1), 1 / (tau * 100)) at frame t = 0, 1,
 * ... counted from that onset (100 frames per second): the plain mean of the frames seen while
 * fewer than tau's worth have passed, then an exponential average with time constant tau
 * seconds. The estimate is 10 log10((S + e) / (N + e)) dB with e = {@link #FLOOR}, so it reads
 * 0 dB before the onset and keeps its last value through digital silence until, after a minute
 * or more, both averages fall toward e; a band of non-finite energy counts as silent.
 *
 * <p>On the 72 dev pairs at 48 kHz (model v2, 20 ms look-ahead), at the end of each 2 s pair it
 * reads −12 to −4 dB at an input SNR of −5 dB (one pair +7), −3 to +1 dB at 0 dB, +3 to +9 dB at
 * 5 dB and +7 to +35 dB from 10 dB up (docs/training-log.md, session 53): ordered, compressed at
 * the low end and spread by the noise type at the high end, which is enough to tell the lowest
 * SNRs apart.
 *
 * <p>Allocation-free; not thread-safe (one per stream).
 */
public final class SnrFromGains {
    /** Energy added to speech and noise before their ratio is taken (linear power per frame). */
    public static final double FLOOR = 1e-12;
    /** Share of a frame's energy its gains must keep for the estimate to start there. */
    public static final double ONSET_SHARE = 0.1;
    /** Frames per second at the engine's 10 ms hop. */
    private static final double FRAMES_PER_SECOND = (double) FrameFormat.SAMPLE_RATE / FrameFormat.HOP;
    private final double slowest;
    private double speech;
    private double noise;
    private long frames;

    /**
     * @param timeConstantSeconds tau, in seconds (finite, above 0)
     * @throws IllegalArgumentException if tau is not finite and above 0
     */
    public SnrFromGains(double timeConstantSeconds) {
        if (!(timeConstantSeconds > 0) || Double.isInfinite(timeConstantSeconds)) {
            throw Messages.timeConstantNotPositive(timeConstantSeconds);
        }
        this.slowest = 1.0 / (timeConstantSeconds * FRAMES_PER_SECOND);
    }

    /**
     * Adds one frame (ignored while no frame has reached the onset share).
     *
     * @param gains band gains g_b ({@link FrameFormat#BANDS}), clamped to [0, 1] here (NaN counts as 0)
     * @param energy band energies E_b of the same frame ({@link FrameFormat#BANDS}, linear power;
     *     negative, NaN or infinite counts as 0)
     */
    public void update(float[] gains, float[] energy) {
        double s = 0;
        double n = 0;
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            float g = gains[b] >= 0f ? Math.min(gains[b], 1f) : 0f;
            float e = energy[b];
            if (!(e > 0f) || e == Float.POSITIVE_INFINITY) {
                continue;
            }
            double g2 = (double) g * g;
            s += g2 * e;
            n += (1 - g2) * e;
        }
        if (frames == 0 && !(s > 0 && s >= ONSET_SHARE * (s + n))) {
            return; // before the onset
        }
        double a = Math.max(1.0 / (frames + 1), slowest);
        speech += a * (s - speech);
        noise += a * (n - noise);
        frames++;
    }

    /** @return the estimate in dB, finite (0 before the onset) */
    public float snrDb() {
        return (float) (10 * Math.log10((speech + FLOOR) / (noise + FLOOR)));
    }

    /** Forgets every frame; the estimate waits for an onset again. */
    public void reset() {
        speech = 0;
        noise = 0;
        frames = 0;
    }
}
