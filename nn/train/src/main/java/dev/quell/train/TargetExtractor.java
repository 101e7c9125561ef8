package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.OracleTargets;
import dev.quell.dsp.Features;
import dev.quell.dsp.oracle.OraclePair;

/**
 * Turns a mixture into network training data with the very DSP code the enhancer runs:
 * per frame s, the 70 {@link Features} of the noisy signal and the oracle targets
 * ({@link OracleTargets}: gains, strengths, mask) for the same frame, computed by the same
 * {@link OraclePair} as {@link dev.quell.dsp.oracle.OracleEnhancer} uses (noisy pitch, comb taps
 * of the given look-ahead).
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
        OraclePair pair = new OraclePair(lookahead);
        float[][] feat = new float[frames][];
        float[][] gains = new float[frames][FrameFormat.BANDS];
        float[][] strengths = new float[frames][FrameFormat.BANDS];
        float[][] mask = new float[frames][FrameFormat.BANDS];
        float[] zeros = new float[hop];
        for (int t = 0; t < frames + lookahead; t++) {
            if (t < frames) {
                pair.analyze(clean, t * hop, noisy, t * hop);
                feat[t] = pair.noisy().features().clone();
            } else {
                pair.analyze(zeros, 0, zeros, 0);
            }
            int j = t - lookahead;
            if (j >= 0) {
                pair.targets(bandLimitHz, true, gains[j], strengths[j], mask[j]);
            }
        }
        return new Frames(feat, gains, strengths, mask);
    }
}
