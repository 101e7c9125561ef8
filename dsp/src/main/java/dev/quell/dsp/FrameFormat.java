package dev.quell.dsp;

/**
 * The fixed frame geometry of the enhancer (ALGORITHM.md, "Signal chain per 10 ms frame").
 *
 * <p>Everything in {@code dev.quell.dsp} runs at {@link #SAMPLE_RATE} = 48 kHz with a hop of
 * {@link #HOP} = 480 samples (10 ms) and a Vorbis-windowed frame of {@link #WINDOW} = 960 samples
 * (20 ms, 50 % overlap), transformed by a real FFT of the same size, giving {@link #BINS} = 481
 * bins spaced {@link #BIN_HZ} = 50 Hz apart.
 */
public final class FrameFormat {
    /** Processing sample rate in Hz. */
    public static final int SAMPLE_RATE = 48_000;
    /** Hop size in samples (10 ms): one new frame per hop. */
    public static final int HOP = 480;
    /** Analysis/synthesis window and FFT size in samples (20 ms). */
    public static final int WINDOW = 960;
    /** Number of FFT bins from DC to Nyquist inclusive: WINDOW / 2 + 1. */
    public static final int BINS = WINDOW / 2 + 1;
    /** Bin spacing in Hz: SAMPLE_RATE / WINDOW. */
    public static final double BIN_HZ = (double) SAMPLE_RATE / WINDOW;
    /** Number of ERB bands (PercepNet: 34). */
    public static final int BANDS = 34;
    /** Shortest pitch period in samples (800 Hz). */
    public static final int MIN_PERIOD = 60;
    /** Longest pitch period in samples (62.5 Hz). */
    public static final int MAX_PERIOD = 768;
    /** Largest network look-ahead in frames the DSP state is sized for (20 ms). */
    public static final int MAX_LOOKAHEAD = 2;

    private FrameFormat() {
    }
}
