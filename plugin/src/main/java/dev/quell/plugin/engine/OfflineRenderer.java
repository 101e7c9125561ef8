package dev.quell.plugin.engine;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.resample.Resampler;
import dev.quell.dsp.resample.UpperBandNoise;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
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

    /**
     * @param rate a file's sample rate in Hz
     * @return the rate to prepare an engine at for that file: the rate itself when
     *     {@link QuellEngine#supportsRate} accepts it, otherwise 48000
     */
    public static int engineRate(int rate) {
        return QuellEngine.supportsRate(rate) ? rate : FrameFormat.SAMPLE_RATE;
    }

    /**
     * Renders audio at any sample rate: when the engine does not run at {@code rate} itself, the
     * input is converted to {@link #engineRate(int)} (48 kHz), given the {@link UpperBandNoise}
     * floor above its old Nyquist frequency as the engine does for its own rates, and the result
     * converted back ({@link Resampler}), which removes the floor.
     *
     * @param engine an engine prepared at {@code engineRate(rate)} for the input's channel count
     * @param input per channel, equal lengths, at {@code rate}
     * @param rate the input's sample rate in Hz (positive)
     * @param blockSize frames per process call (1..8192)
     * @param progress told the fraction 0..1 done after each block (may be null)
     * @return enhanced signal at {@code rate}, same shape as the input, time-aligned
     * @throws IllegalArgumentException if the engine is not prepared at {@code engineRate(rate)}
     *     for this channel count
     */
    public static float[][] renderAtRate(QuellEngine engine, float[][] input, int rate, int blockSize,
            DoubleConsumer progress) {
        int at = engineRate(rate);
        if (engine.sampleRate() != at) {
            throw new IllegalArgumentException("engine prepared at " + engine.sampleRate() + " Hz, not " + at + " Hz");
        }
        float[][] x = input;
        if (at != rate) {
            x = new float[input.length][];
            for (int c = 0; c < input.length; c++) {
                x[c] = Resampler.resample(input[c], rate, at);
                UpperBandNoise floor = UpperBandNoise.forSourceRate(rate);
                if (floor != null) {
                    floor.addTo(x[c], 0, x[c].length);
                }
            }
        }
        double frames = Math.max(1, x[0].length);
        float[][] y = render(engine, x, blockSize, progress == null ? null : done -> progress.accept(done / frames));
        if (at != rate) {
            for (int c = 0; c < y.length; c++) {
                y[c] = Arrays.copyOf(Resampler.resample(y[c], at, rate), input[c].length);
            }
        }
        return y;
    }
}
