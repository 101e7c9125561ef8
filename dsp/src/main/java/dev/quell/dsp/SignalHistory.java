package dev.quell.dsp;

/**
 * A fixed-length history of the (high-passed) input signal, shifted by one hop per frame.
 *
 * <p>Index {@code length() - 1} is the newest sample. The comb filter reads past taps (up to
 * M pitch periods before the frame being synthesised) and future taps (up to the look-ahead
 * after it) from here; the pitch search reads the newest window and its lags. Allocation-free.
 */
public final class SignalHistory {
    private final float[] samples;

    /**
     * @param length number of samples kept; must be at least one hop
     * @throws IllegalArgumentException if length is shorter than a hop
     */
    public SignalHistory(int length) {
        if (length < FrameFormat.HOP) {
            throw Messages.historyShorterThanHop(length);
        }
        samples = new float[length];
    }

    /**
     * Appends one hop, discarding the oldest hop.
     *
     * @param hop 480 samples
     * @param off offset into hop
     */
    public void push(float[] hop, int off) {
        int h = FrameFormat.HOP;
        System.arraycopy(samples, h, samples, 0, samples.length - h);
        System.arraycopy(hop, off, samples, samples.length - h, h);
    }

    /** @return the backing array (read-only by convention); newest sample last */
    public float[] samples() {
        return samples;
    }

    /** @return number of samples held */
    public int length() {
        return samples.length;
    }

    /** Zeroes the history. */
    public void reset() {
        java.util.Arrays.fill(samples, 0f);
    }
}
