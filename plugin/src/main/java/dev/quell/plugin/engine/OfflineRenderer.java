package dev.quell.plugin.engine;

import java.util.function.LongConsumer;

/**
 * Renders a whole signal through a prepared {@link QuellEngine} exactly as a host would (block by
 * block through {@link QuellEngine#process}), then removes the latency: the result is
 * time-aligned with the input and has the same length. The input is followed by
 * {@link QuellEngine#latencySamples()} zeros so its end comes out too.
 */
public final class OfflineRenderer {
    /** Default block size, frames. */
    public static final int DEFAULT_BLOCK = 4096;

    private OfflineRenderer() {
    }

    /**
     * @param engine an engine prepared for the input's rate and channel count and a maximum block
     *     of at least {@code blockSize}; it is reset first
     * @param input per channel, equal lengths (linear, full scale 1.0)
     * @param blockSize frames per process call (1..8192)
     * @param progress told the number of input frames consumed after each block (may be null)
     * @return enhanced signal, same shape as the input
     * @throws IllegalArgumentException if the engine is not prepared for this channel count
     */
    public static float[][] render(QuellEngine engine, float[][] input, int blockSize, LongConsumer progress) {
        int ch = input.length;
        if (!engine.isPrepared() || engine.channels() != ch) {
            throw new IllegalArgumentException("engine not prepared for " + ch + " channel(s)");
        }
        engine.reset();
        int n = input[0].length;
        int latency = engine.latencySamples();
        long total = (long) n + latency;
        float[][] out = new float[ch][n];
        float[][] inBlock = new float[ch][blockSize];
        float[][] outBlock = new float[ch][blockSize];
        for (long pos = 0; pos < total; pos += blockSize) {
            int m = (int) Math.min(blockSize, total - pos);
            for (int c = 0; c < ch; c++) {
                int avail = (int) Math.max(0, Math.min(m, n - pos));
                if (avail > 0) {
                    System.arraycopy(input[c], (int) pos, inBlock[c], 0, avail);
                }
                java.util.Arrays.fill(inBlock[c], Math.max(avail, 0), m, 0f);
            }
            engine.process(inBlock, outBlock, m);
            for (int c = 0; c < ch; c++) {
                // output frame pos + i holds input frame pos + i - latency
                for (int i = 0; i < m; i++) {
                    long t = pos + i - latency;
                    if (t >= 0 && t < n) {
                        out[c][(int) t] = outBlock[c][i];
                    }
                }
            }
            if (progress != null) {
                progress.accept(Math.min(n, pos + m));
            }
        }
        return out;
    }
}
