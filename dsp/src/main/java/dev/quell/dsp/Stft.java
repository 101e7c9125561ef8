package dev.quell.dsp;

/**
 * Short-time Fourier transform with hop {@link FrameFormat#HOP}, window and FFT size
 * {@link FrameFormat#WINDOW} (ALGORITHM.md step 1).
 *
 * <p>Window: the Vorbis power-complementary window
 * w(n) = sin(pi/2 * sin^2(pi (n + 0.5) / 960)), used for analysis and synthesis. Because
 * w^2(n) + w^2(n + 480) = 1, windowed overlap-add of unmodified frames reconstructs the input
 * exactly, delayed by one hop (480 samples): the output hop of step t is complete only once
 * frame t (which ends at the newest input sample) has been added.
 *
 * <p>Per-stream state: the last 960 input samples and the 480-sample synthesis overlap.
 * All methods are allocation-free. Not thread-safe.
 */
public final class Stft {
    private static final float[] WINDOW_TABLE = buildWindow(FrameFormat.WINDOW);

    private final RealFft fft = new RealFft(FrameFormat.WINDOW);
    private final float[] analysisBuffer = new float[FrameFormat.WINDOW];
    private final float[] frame = new float[FrameFormat.WINDOW];
    private final float[] overlap = new float[FrameFormat.HOP];

    private static float[] buildWindow(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / n);
            w[i] = (float) Math.sin(0.5 * Math.PI * s * s);
        }
        return w;
    }

    /**
     * The analysis/synthesis window value at index {@code i}.
     *
     * @param i sample index in 0..959
     * @return w(i), in [0, 1]
     */
    public static float window(int i) {
        return WINDOW_TABLE[i];
    }

    /**
     * Pushes one hop of input and transforms the newest 960-sample frame.
     *
     * @param hop 480 new samples (linear)
     * @param off offset into hop
     * @param re output real parts, 481 bins
     * @param im output imaginary parts, 481 bins
     */
    public void analyze(float[] hop, int off, float[] re, float[] im) {
        int h = FrameFormat.HOP;
        System.arraycopy(analysisBuffer, h, analysisBuffer, 0, FrameFormat.WINDOW - h);
        System.arraycopy(hop, off, analysisBuffer, FrameFormat.WINDOW - h, h);
        transformWindowed(analysisBuffer, 0, re, im);
    }

    /**
     * Windows and transforms an arbitrary 960-sample frame (used for the comb filter's output),
     * without touching the stream state.
     *
     * @param x samples, 960 from {@code off}
     * @param off offset into x
     * @param re output real parts, 481 bins
     * @param im output imaginary parts, 481 bins
     */
    public void transformWindowed(float[] x, int off, float[] re, float[] im) {
        for (int i = 0; i < FrameFormat.WINDOW; i++) {
            frame[i] = x[off + i] * WINDOW_TABLE[i];
        }
        fft.forward(frame, 0, re, im);
    }

    /**
     * Inverse-transforms a (modified) spectrum, applies the synthesis window and overlap-adds,
     * producing the next 480 output samples. The output lags the input of {@link #analyze} by
     * exactly 480 samples.
     *
     * @param re real parts, 481 bins
     * @param im imaginary parts, 481 bins
     * @param out receives 480 samples
     * @param off offset into out
     */
    public void synthesize(float[] re, float[] im, float[] out, int off) {
        fft.inverse(re, im, frame, 0);
        int h = FrameFormat.HOP;
        for (int i = 0; i < h; i++) {
            out[off + i] = overlap[i] + frame[i] * WINDOW_TABLE[i];
        }
        for (int i = 0; i < h; i++) {
            overlap[i] = frame[h + i] * WINDOW_TABLE[h + i];
        }
    }

    /** Clears the analysis history and the synthesis overlap. */
    public void reset() {
        java.util.Arrays.fill(analysisBuffer, 0f);
        java.util.Arrays.fill(overlap, 0f);
    }
}
