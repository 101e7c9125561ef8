package dev.quell.dsp.oracle;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;

/**
 * Oracle mode: runs the DSP chain on a noisy signal with ideal gains and strengths computed
 * from the aligned clean signal (ALGORITHM.md, "Training targets"), so the quality of the DSP
 * representation can be measured apart from any network.
 *
 * <p>Both signals run through an {@link OraclePair}: for each output frame the pitch is the one
 * tracked on the <em>noisy</em> signal (what a real run has); the clean stream's comb filter uses
 * that same period and the same taps, which gives q_x. Gains and strengths follow
 * {@link dev.quell.dsp.OracleTargets}. The output is time-aligned with the input (the chain latency is
 * removed) and has the same length.
 */
public final class OracleEnhancer {
    private OracleEnhancer() {
    }

    /**
     * Enhances one channel.
     *
     * @param clean clean reference at 48 kHz, same length as noisy
     * @param noisy noisy input at 48 kHz
     * @param stage how much of the chain to apply
     * @param lookahead look-ahead in frames (0..2); it sets which comb taps are available
     * @return the enhanced signal, time-aligned with the input, same length
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float[] process(float[] clean, float[] noisy, OracleStage stage, int lookahead) {
        if (clean.length != noisy.length) {
            throw new IllegalArgumentException("clean and noisy differ in length: "
                    + clean.length + " vs " + noisy.length + " samples");
        }
        OraclePair pair = new OraclePair(lookahead);
        FrameChain noisyChain = pair.noisy();
        int latency = noisyChain.latencySamples();
        int hop = FrameFormat.HOP;
        int total = noisy.length + latency;
        int frames = (total + hop - 1) / hop;
        float[] x = java.util.Arrays.copyOf(clean, frames * hop);
        float[] y = java.util.Arrays.copyOf(noisy, frames * hop);
        float[] out = new float[frames * hop];
        float[] gains = new float[FrameFormat.BANDS];
        float[] strengths = new float[FrameFormat.BANDS];
        float[] mask = new float[FrameFormat.BANDS];
        boolean comb = stage != OracleStage.GAINS;
        float post = stage == OracleStage.POSTFILTER ? 1f : 0f;
        for (int t = 0; t < frames; t++) {
            pair.analyze(x, t * hop, y, t * hop);
            pair.targets(Double.POSITIVE_INFINITY, comb, gains, strengths, mask);
            noisyChain.synthesize(gains, comb ? strengths : null, post, 0f, out, t * hop);
        }
        return java.util.Arrays.copyOfRange(out, latency, latency + noisy.length);
    }
}
