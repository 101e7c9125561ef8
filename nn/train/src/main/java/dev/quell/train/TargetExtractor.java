package dev.quell.train;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.OracleTargets;
import dev.quell.dsp.Features;

/**
 * Turns a mixture into network training data with the very DSP code the enhancer runs:
 * per frame s, the 70 {@link Features} of the noisy signal and the oracle targets
 * ({@link OracleTargets}: gains, strengths, mask) for the same frame, computed the way
 * {@link dev.quell.dsp.oracle.OracleEnhancer} does (noisy pitch, comb taps of the given
 * look-ahead).
 */
public final class TargetExtractor {
    /**
     * Per-frame arrays, [frame][value].
     *
     * @param features 70 features per frame
     * @param gains 34 target gains per frame
     * @param strengths 34 target strengths per frame
     * @param mask 34 mask values (1 = train, 0 = don't care) per frame
     */
    public record Frames(float[][] features, float[][] gains, float[][] strengths, float[][] mask) {
    }

    private TargetExtractor() {
    }

    /**
     * @param clean target speech at 48 kHz
     * @param noisy input at 48 kHz, same length
     * @param bandLimitHz highest frequency the target contains
     * @param lookahead look-ahead in frames the targets are computed for (0..2)
     * @return floor(length / 480) frames
     */
    public static Frames extract(float[] clean, float[] noisy, double bandLimitHz, int lookahead) {
        int hop = FrameFormat.HOP;
        int frames = noisy.length / hop;
        FrameChain noisyChain = new FrameChain(lookahead);
        FrameChain cleanChain = new FrameChain(lookahead);
        float[][] feat = new float[frames][];
        float[][] gains = new float[frames][FrameFormat.BANDS];
        float[][] strengths = new float[frames][FrameFormat.BANDS];
        float[][] mask = new float[frames][FrameFormat.BANDS];
        float[] zeros = new float[hop];
        for (int t = 0; t < frames + lookahead; t++) {
            if (t < frames) {
                noisyChain.analyze(noisy, t * hop);
                cleanChain.analyzeSignal(clean, t * hop); // the clean chain follows the noisy pitch
                feat[t] = noisyChain.features().clone();
            } else {
                noisyChain.analyze(zeros, 0);
                cleanChain.analyzeSignal(zeros, 0);
            }
            int j = t - lookahead;
            if (j < 0) {
                continue;
            }
            noisyChain.prepareOutputFrame();
            cleanChain.prepareOutputFrame(noisyChain.outputPeriod());
            OracleTargets.compute(cleanChain.outputEnergy(), noisyChain.outputEnergy(),
                    cleanChain.outputCoherence(), noisyChain.outputCoherence(), noisyChain.outputSigma2(),
                    bandLimitHz, true, gains[j], strengths[j], mask[j]);
        }
        return new Frames(feat, gains, strengths, mask);
    }
}
