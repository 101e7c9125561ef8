package dev.quell.plugin.engine;

/**
 * A stream enhancer with its latency removed: frames it returns are time-aligned with the frames
 * given, and after {@link #finish} exactly as many have come out as went in.
 * {@link StreamRenderer} (a rate the engine runs natively) and {@link ResampledStreamRenderer}
 * (any other rate) are the two.
 */
public interface AlignedStream {
    /**
     * The most frames one {@link #process} or {@link #finish} call can return.
     *
     * @param count input frames of the call (for finish: 0)
     * @return an upper bound for the frames written to {@code out}
     */
    int maxOutput(int count);

    /**
     * Enhances the next frames of the stream.
     *
     * @param in per channel, frames {@code offset .. offset + count - 1} (linear, full scale 1)
     * @param offset first frame
     * @param count frames (0 allowed)
     * @param out receives the aligned output, per channel, from frame 0; room for
     *     {@link #maxOutput(int) maxOutput(count)} frames
     * @return frames written to {@code out} (fewer than {@code count} at the start of the stream)
     */
    int process(float[][] in, int offset, int count, float[][] out);

    /**
     * Ends the stream and returns its last frames.
     *
     * @param out receives them, per channel, from frame 0; room for {@link #maxOutput(int)
     *     maxOutput(0)} frames
     * @return frames written; afterwards as many frames have been returned as were given
     */
    int finish(float[][] out);
}
