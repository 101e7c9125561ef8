package dev.quell.plugin.engine;

import java.util.Arrays;

/**
 * Renders a stream of any length through prepared {@link QuellEngine}s in constant memory,
 * exactly as a host would (block by block through {@link QuellEngine#process}), with the latency
 * removed: the frames it returns are time-aligned with the frames given, and after
 * {@link #finish} exactly as many have come out as went in. This is what {@code quell enhance}
 * runs; {@link OfflineRenderer#render} is the same for a signal held in memory.
 *
 * <p>Channels: one engine for mono or stereo (stereo is analysed linked, see
 * {@code docs/engine.md}); for more channels, each channel is enhanced alone by its own mono
 * engine. Allocation-free after construction.
 */
public final class StreamRenderer implements AlignedStream {
    private final QuellEngine[] engines;
    private final int channels;
    private final int block;
    private final int latency;
    private final float[][] inBlock;
    private final float[][] outBlock;
    private final float[][][] inView;
    private final float[][][] outView;
    private long consumed;
    private long emitted;

    /**
     * @param engines one engine prepared for {@code channels} channels (1 or 2), or
     *     {@code channels} engines prepared for one channel each; all at the same rate, latency and
     *     a maximum block of at least {@code blockSize}; they are reset here
     * @param channels channel count of the stream
     * @param blockSize frames per process call, 1..{@link QuellEngine#MAX_CHUNK}
     * @throws IllegalArgumentException if the engines do not match the channel count
     */
    public StreamRenderer(QuellEngine[] engines, int channels, int blockSize) {
        boolean linked = engines.length == 1 && engines[0].channels() == channels && channels <= 2;
        boolean separate = engines.length == channels;
        for (QuellEngine e : engines) {
            if (!e.isPrepared() || (separate && !linked && e.channels() != 1)
                    || e.latencySamples() != engines[0].latencySamples() || e.sampleRate() != engines[0].sampleRate()) {
                throw Messages.enginesNotAlike(channels);
            }
        }
        if (!linked && !separate) {
            throw Messages.engineCount(engines.length, channels);
        }
        if (blockSize < 1 || blockSize > QuellEngine.MAX_CHUNK) {
            throw Messages.blockSizeRange(blockSize);
        }
        this.engines = engines;
        this.channels = channels;
        this.block = blockSize;
        this.latency = engines[0].latencySamples();
        inBlock = new float[channels][blockSize];
        outBlock = new float[channels][blockSize];
        inView = new float[engines.length][][];
        outView = new float[engines.length][][];
        for (int k = 0; k < engines.length; k++) {
            inView[k] = linked ? inBlock : new float[][] {inBlock[k]};
            outView[k] = linked ? outBlock : new float[][] {outBlock[k]};
            engines[k].reset();
        }
    }

    /** @return the latency removed, frames */
    public int latency() {
        return latency;
    }

    /**
     * The most frames one {@link #process} or {@link #finish} call can return.
     *
     * @param count input frames of the call (for finish: 0)
     * @return an upper bound for the frames written to {@code out}
     */
    @Override
    public int maxOutput(int count) {
        return count + latency;
    }

    /**
     * Enhances the next frames of the stream.
     *
     * @param in per channel, frames {@code offset .. offset + count - 1}
     * @param offset first frame
     * @param count frames (0 allowed)
     * @param out receives the aligned output, per channel, from frame 0; room for
     *     {@link #maxOutput(int) maxOutput(count)} frames
     * @return frames written to {@code out} (fewer than {@code count} at the start of the stream)
     */
    @Override
    public int process(float[][] in, int offset, int count, float[][] out) {
        int written = 0;
        for (int pos = 0; pos < count; pos += block) {
            int m = Math.min(block, count - pos);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(in[c], offset + pos, inBlock[c], 0, m);
            }
            written += run(m, out, written, Long.MAX_VALUE);
        }
        consumed += count;
        return written;
    }

    /**
     * Ends the stream: runs the engines on silence for their latency and returns the last frames.
     *
     * @param out receives them, per channel, from frame 0; room for {@link #latency()} frames
     * @return frames written; afterwards as many frames have been returned as were given
     */
    @Override
    public int finish(float[][] out) {
        int written = 0;
        for (int left = latency; left > 0; left -= block) {
            int m = Math.min(block, left);
            for (int c = 0; c < channels; c++) {
                Arrays.fill(inBlock[c], 0, m, 0f);
            }
            written += run(m, out, written, consumed);
        }
        return written;
    }

    /** One engine call of m frames; copies the output frames past the latency, up to frame {@code limit}. */
    private int run(int m, float[][] out, int at, long limit) {
        for (int k = 0; k < engines.length; k++) {
            engines[k].process(inView[k], outView[k], m);
        }
        int written = 0;
        for (int i = 0; i < m; i++) {
            long t = emitted - latency + i; // input frame this output frame holds
            if (t >= 0 && t < limit) {
                for (int c = 0; c < channels; c++) {
                    out[c][at + written] = outBlock[c][i];
                }
                written++;
            }
        }
        emitted += m;
        return written;
    }
}
