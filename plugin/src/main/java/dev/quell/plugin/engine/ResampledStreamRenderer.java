package dev.quell.plugin.engine;

import dev.quell.dsp.resample.Resampler;
import dev.quell.dsp.resample.UpperBandNoise;

/**
 * A {@link StreamRenderer} for a stream at a rate the engine does not run ({@link QuellEngine#supportsRate}:
 * below 8 or above 384 kHz, e.g. 7,350 Hz): each chunk is converted to the engines'
 * rate ({@link Resampler}), given the {@link UpperBandNoise} floor above the stream's Nyquist
 * frequency, enhanced, and converted back, all in constant memory. Both converters' group delays
 * are removed, so the output is time-aligned with the input and, after {@link #finish}, exactly as
 * long; the samples equal those of {@link OfflineRenderer#renderAtRate} for the whole signal
 * (the converters and the floor are sequential, so chunking does not change them).
 */
public final class ResampledStreamRenderer implements AlignedStream {
    private final StreamRenderer inner;
    private final int channels;
    private final int maxChunk;
    private final Resampler[] up;
    private final Resampler[] down;
    private final UpperBandNoise[] floors;
    private final int upRatioNum;
    private final int upRatioDen;
    private final float[][] upBuf;
    private final float[][] engineOut;
    private final float[][] downBuf;
    private final float[] zeros;
    private final int tail;
    private long inFrames;
    private long upSkipped;
    private long upPassed;
    private long downSkipped;
    private long downPassed;

    /**
     * @param engines engines for {@code channels} channels as {@link StreamRenderer} takes them,
     *     prepared at {@code engineRate}
     * @param channels channel count of the stream
     * @param blockSize frames per engine call at the engine rate, 1..{@link QuellEngine#MAX_CHUNK}
     * @param rate the stream's sample rate in Hz (positive)
     * @param maxChunk the most frames one {@link #process} call will be given (positive)
     * @throws IllegalArgumentException if the engines do not suit the channel count, or a size is
     *     out of range
     */
    public ResampledStreamRenderer(QuellEngine[] engines, int channels, int blockSize, int rate, int maxChunk) {
        if (rate <= 0 || maxChunk <= 0) {
            throw Messages.rateAndChunk(rate, maxChunk);
        }
        inner = new StreamRenderer(engines, channels, blockSize);
        int at = engines[0].sampleRate();
        this.channels = channels;
        this.maxChunk = maxChunk;
        upRatioNum = at;
        upRatioDen = rate;
        up = new Resampler[channels];
        down = new Resampler[channels];
        floors = new UpperBandNoise[channels];
        for (int c = 0; c < channels; c++) {
            up[c] = new Resampler(rate, at);
            down[c] = new Resampler(at, rate);
            floors[c] = UpperBandNoise.forSourceRate(rate);
        }
        int upMax = up[0].maxOutput(maxChunk);
        upBuf = new float[channels][upMax];
        engineOut = new float[channels][inner.maxOutput(upMax)];
        downBuf = new float[channels][down[0].maxOutput(engineOut[0].length)];
        zeros = new float[maxChunk];
        // the output lags the input by both converters' delays and the engine latency, at most
        tail = (int) Math.ceil((up[0].delay() + inner.latency()) * (double) rate / at) + down[0].delay() + 8;
    }

    @Override
    public int maxOutput(int count) {
        return count + tail;
    }

    @Override
    public int process(float[][] in, int offset, int count, float[][] out) {
        if (count > maxChunk) {
            throw Messages.tooManyFrames(count, maxChunk);
        }
        inFrames += count;
        return convertAndRender(in, offset, count, out, Long.MAX_VALUE, 0);
    }

    /**
     * Ends the stream: flushes both converters and the engines with silence and returns the last
     * frames.
     *
     * @param out receives them, per channel, from frame 0; room for {@link #maxOutput(int)
     *     maxOutput(0)} frames
     * @return frames written; afterwards exactly as many frames have been returned as were given
     */
    @Override
    public int finish(float[][] out) {
        long wantedUp = (inFrames * upRatioNum + upRatioDen - 1) / upRatioDen;
        int written = 0;
        float[][] silence = new float[channels][];
        java.util.Arrays.fill(silence, zeros);
        while (upPassed < wantedUp) {
            written += convertAndRender(silence, 0, maxChunk, out, wantedUp, written);
        }
        int n = inner.finish(engineOut);
        written += convertDown(n, out, written);
        while (downPassed < inFrames) {
            for (int c = 0; c < channels; c++) {
                java.util.Arrays.fill(engineOut[c], 0, Math.min(maxChunk, engineOut[c].length), 0f);
            }
            written += convertDown(Math.min(maxChunk, engineOut[0].length), out, written);
        }
        return written;
    }

    /** Up-converts count input frames, passes at most upLimit engine-rate frames on, renders, down-converts. */
    private int convertAndRender(float[][] in, int offset, int count, float[][] out, long upLimit, int at) {
        int produced = 0;
        for (int c = 0; c < channels; c++) {
            produced = up[c].process(in[c], offset, count, upBuf[c], 0);
        }
        int skip = (int) Math.min(produced, up[0].delay() - upSkipped);
        upSkipped += skip;
        int pass = (int) Math.min(produced - skip, upLimit - upPassed);
        if (skip > 0 || pass < produced) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(upBuf[c], skip, upBuf[c], 0, pass);
            }
        }
        upPassed += pass;
        for (int c = 0; c < channels; c++) {
            if (floors[c] != null) {
                floors[c].addTo(upBuf[c], 0, pass);
            }
        }
        int n = inner.process(upBuf, 0, pass, engineOut);
        return convertDown(n, out, at);
    }

    /** Down-converts n engine-rate frames of engineOut, removing the converter's delay, up to the input's length. */
    private int convertDown(int n, float[][] out, int at) {
        int produced = 0;
        for (int c = 0; c < channels; c++) {
            produced = down[c].process(engineOut[c], 0, n, downBuf[c], 0);
        }
        int skip = (int) Math.min(produced, down[0].delay() - downSkipped);
        downSkipped += skip;
        int pass = (int) Math.max(0, Math.min(produced - skip, inFrames - downPassed));
        for (int c = 0; c < channels; c++) {
            System.arraycopy(downBuf[c], skip, out[c], at, pass);
        }
        downPassed += pass;
        return pass;
    }
}
