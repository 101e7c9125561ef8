package dev.quell.dsp.oracle;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.OracleTargets;

/**
 * The noisy and the clean {@link FrameChain} of one aligned signal pair, stepped together the way
 * every oracle computation needs them (ALGORITHM.md, "Training targets"): the noisy chain runs the
 * full analysis including the pitch search, the clean chain only analyses its signal and, for each
 * output frame, uses the pitch period tracked on the noisy signal (what a real run has), so the
 * clean comb output gives q_x with the same period and taps as the noisy one. Used by
 * {@link OracleEnhancer} (oracle mode) and by the trainer's target extractor, so both compute
 * targets from one recipe.
 *
 * <p>Not thread-safe; one instance per signal pair.
 */
public final class OraclePair {
    private final FrameChain noisy;
    private final FrameChain clean;

    /**
     * @param lookahead look-ahead in frames (0..2); it sets which comb taps are available
     * @throws IllegalArgumentException if the look-ahead is out of range (from {@link FrameChain})
     */
    public OraclePair(int lookahead) {
        noisy = new FrameChain(lookahead);
        clean = new FrameChain(lookahead);
    }

    /**
     * Analyses the next hop of both signals (480 samples each from the given offsets).
     *
     * @param cleanSignal clean samples at 48 kHz
     * @param cleanOffset first sample of the hop in cleanSignal
     * @param noisySignal noisy samples at 48 kHz
     * @param noisyOffset first sample of the hop in noisySignal
     */
    public void analyze(float[] cleanSignal, int cleanOffset, float[] noisySignal, int noisyOffset) {
        noisy.analyze(noisySignal, noisyOffset);
        clean.analyzeSignal(cleanSignal, cleanOffset); // follows the noisy pitch: no search of its own
    }

    /**
     * Prepares the current output frame of both chains (the clean one with the noisy pitch period)
     * and computes its oracle targets with {@link OracleTargets#compute}.
     *
     * @param bandLimitHz highest frequency the clean signal contains (bands above are masked);
     *     {@link Double#POSITIVE_INFINITY} for none
     * @param comb whether the comb filter is used (false: strengths 0, no gain correction)
     * @param gains out: 34 gains, 0..1
     * @param strengths out: 34 comb strengths, 0..1
     * @param mask out: 34 values, 1 = train, 0 = don't care
     */
    public void targets(double bandLimitHz, boolean comb, float[] gains, float[] strengths, float[] mask) {
        noisy.prepareOutputFrame();
        clean.prepareOutputFrame(noisy.outputPeriod());
        OracleTargets.compute(clean.outputEnergy(), noisy.outputEnergy(), clean.outputCoherence(),
                noisy.outputCoherence(), noisy.outputSigma2(), bandLimitHz, comb, gains, strengths, mask);
    }

    /**
     * @return the noisy chain (its features, latency and synthesis)
     */
    public FrameChain noisy() {
        return noisy;
    }
}
