package dev.quell.dsp;

/**
 * The pitch (comb) filter p(n) = sum_{k=-M..M} w_k x(n - kT) (ALGORITHM.md step 4).
 *
 * <p>Taps: a Hann window over +/- (M+1) periods, w_k proportional to
 * 0.5 (1 + cos(pi k / (M + 1))), normalised to sum_k w_k = 1, so a periodic signal of period T
 * passes unchanged while white noise is attenuated by 10 log10(sum_k w_k^2)
 * (M = 2: -6.0 dB, M = 3: -7.3 dB). Quell uses M = {@link #DEFAULT_HALF_WIDTH} = 2 (five taps):
 * larger M rejects more noise but smears pitch glides and reaches past the look-ahead more often.
 *
 * <p><b>Look-ahead budget.</b> Taps with k &lt; 0 read the future. For the frame being
 * synthesised, the newest available sample lies {@code futureSamples} after the end of its
 * 960-sample window (look-ahead frames * 480). A future tap is kept only if |k| T &lt;=
 * futureSamples for every sample of the window; unavailable taps are dropped and the remaining
 * taps renormalised to sum to 1 (so the filter stays unity-gain for periodic input; its noise
 * attenuation, sum w_k^2, is then smaller and is reported by {@link #sigma2()}). With no
 * look-ahead the filter is one-sided (k = 0..M). Past taps reach at most M * 768 samples back,
 * which the caller's history must hold. Allocation-free. Not thread-safe.
 */
public final class CombFilter {
    /** Default M: taps at -2T..+2T. */
    public static final int DEFAULT_HALF_WIDTH = 2;

    private final int halfWidth;
    private final float[] hann;
    private final float[] taps;
    private final int[] offsets;
    private int tapCount;
    private float sigma2;

    /**
     * @param halfWidth M, the number of periods on each side, 1..8
     * @throws IllegalArgumentException for M outside 1..8
     */
    public CombFilter(int halfWidth) {
        if (halfWidth < 1 || halfWidth > 8) {
            throw Messages.combHalfWidthOutOfRange(halfWidth);
        }
        this.halfWidth = halfWidth;
        hann = new float[2 * halfWidth + 1];
        for (int k = -halfWidth; k <= halfWidth; k++) {
            hann[k + halfWidth] = (float) (0.5 * (1 + Math.cos(Math.PI * k / (halfWidth + 1))));
        }
        taps = new float[2 * halfWidth + 1];
        offsets = new int[2 * halfWidth + 1];
    }

    /** @return M, the nominal number of periods on each side */
    public int halfWidth() {
        return halfWidth;
    }

    /**
     * Samples of history the filter needs before a frame's window: M * 768.
     *
     * @return samples
     */
    public int pastSamplesNeeded() {
        return halfWidth * FrameFormat.MAX_PERIOD;
    }

    /**
     * Chooses the taps for a period and a future budget, normalises them and updates
     * {@link #sigma2()}.
     *
     * @param period pitch period T in samples, 60..768
     * @param futureSamples samples available after the window end (0 for a causal filter)
     */
    public void configure(int period, int futureSamples) {
        double sum = 0;
        tapCount = 0;
        for (int k = -halfWidth; k <= halfWidth; k++) {
            if (k < 0 && -k * period > futureSamples) {
                continue;
            }
            taps[tapCount] = hann[k + halfWidth];
            offsets[tapCount] = k * period;
            sum += taps[tapCount];
            tapCount++;
        }
        double s2 = 0;
        for (int i = 0; i < tapCount; i++) {
            taps[i] = (float) (taps[i] / sum);
            s2 += taps[i] * (double) taps[i];
        }
        sigma2 = (float) s2;
    }

    /**
     * Filters one window: out[i] = sum_k w_k x[start + i - kT] for i = 0..length-1, with the taps of
     * the last {@link #configure}. The caller guarantees the indices stay inside x.
     *
     * @param x input history
     * @param start index in x of the first sample of the window
     * @param out output, {@code length} samples
     * @param length window length in samples
     */
    public void filter(float[] x, int start, float[] out, int length) {
        java.util.Arrays.fill(out, 0, length, 0f);
        for (int j = 0; j < tapCount; j++) {
            float w = taps[j];
            int base = start - offsets[j];
            for (int i = 0; i < length; i++) {
                out[i] += w * x[base + i];
            }
        }
    }

    /** @return sigma^2 = sum_k w_k^2 of the current taps (white-noise power gain), in (0, 1] */
    public float sigma2() {
        return sigma2;
    }

    /** @return number of taps in use after the last {@link #configure} */
    public int tapCount() {
        return tapCount;
    }

    /**
     * @param i tap index 0..tapCount()-1
     * @return its weight (taps sum to 1)
     */
    public float tap(int i) {
        return taps[i];
    }
}
