package dev.quell.validation.probe;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NetworkInputs;
import dev.quell.dsp.oracle.OraclePair;
import dev.quell.nn.Model;
import dev.quell.nn.ModelState;

/**
 * The network's band gains beside the oracle's, frame by frame, for one time-aligned clean/noisy
 * pair at 48 kHz: what a probe of "which bands does the model get wrong, and when" needs.
 *
 * <p>The noisy signal runs through the engine's analysis ({@code FrameChain} features and, for a
 * network that takes them, the {@link NetworkInputs} trackers) into the network, as the engine's
 * hop processor feeds it; the clean signal runs beside it through {@link OraclePair}, whose
 * targets are the training targets (ALGORITHM.md, "Training targets"; the PercepNet article trains
 * on the oracle gains and strengths), with no band limit. Both describe the same output frame: at analysis step t, with L frames of
 * look-ahead, the frame that covers input samples (t - 1 - L) * 480 .. (t - L) * 480 - 1
 * ({@code FrameChain}'s latency of (1 + L) hops); the first 1 + L steps describe no input and are
 * skipped. The gains are the network's raw band gains, before the post-filter and the attenuation
 * floor.
 */
public final class BandGainProbe {
    private BandGainProbe() {
    }

    /** Receives one output frame's gains; the arrays are reused for the next frame. */
    public interface FrameSink {
        /**
         * @param frame output frame index: the frame starts at input sample frame * 480 (10 ms hops)
         * @param oracle oracle band gains, 34 values in [0, 1]
         * @param network network band gains, 34 values in [0, 1]
         * @param mask 34 values: 1 where the oracle trains the band in this frame, 0 where it does not care
         */
        void frame(int frame, float[] oracle, float[] network, float[] mask);
    }

    /**
     * Per-band means over the frames the oracle trains.
     *
     * @param frames output frames probed
     * @param trainedFrames per band (34), frames whose mask is 1
     * @param oracleMean per band (34), mean oracle gain over those frames (NaN if none)
     * @param networkMean per band (34), mean network gain over those frames (NaN if none)
     */
    public record Summary(int frames, int[] trainedFrames, double[] oracleMean, double[] networkMean) {
    }

    /**
     * Runs the probe over the whole pair.
     *
     * @param model the network, with its own look-ahead (0..2 frames)
     * @param clean clean samples at 48 kHz, full scale 1.0
     * @param noisy noisy samples at 48 kHz, the same length and time-aligned with clean
     * @param sink receives every output frame (null for none)
     * @return per-band means over trained frames
     * @throws IllegalArgumentException if the lengths differ, or the network takes other inputs than
     *     a {@link NetworkInputs} layout
     */
    public static Summary run(Model model, float[] clean, float[] noisy, FrameSink sink) {
        if (clean.length != noisy.length) {
            throw new IllegalArgumentException("clean has " + clean.length + " samples, noisy " + noisy.length);
        }
        if (!NetworkInputs.supports(model.inputSize())) {
            throw new IllegalArgumentException("the network takes " + model.inputSize() + " features per frame");
        }
        int bands = FrameFormat.BANDS;
        int lookahead = model.lookahead();
        OraclePair pair = new OraclePair(lookahead);
        NetworkInputs inputs = new NetworkInputs(model.inputSize());
        ModelState state = model.newState();
        float[] gains = new float[bands];
        float[] strengths = new float[bands];
        float[] oracle = new float[bands];
        float[] oracleStrengths = new float[bands];
        float[] mask = new float[bands];
        int[] trained = new int[bands];
        double[] oracleSum = new double[bands];
        double[] networkSum = new double[bands];
        int frames = 0;
        for (int step = 0; (step + 1) * FrameFormat.HOP <= noisy.length; step++) {
            pair.analyze(clean, step * FrameFormat.HOP, noisy, step * FrameFormat.HOP);
            state.infer(inputs.update(pair.noisy().features()), gains, strengths);
            pair.targets(Double.POSITIVE_INFINITY, true, oracle, oracleStrengths, mask);
            int frame = step - 1 - lookahead;
            if (frame < 0) {
                continue;
            }
            frames++;
            for (int b = 0; b < bands; b++) {
                if (mask[b] > 0) {
                    trained[b]++;
                    oracleSum[b] += oracle[b];
                    networkSum[b] += gains[b];
                }
            }
            if (sink != null) {
                sink.frame(frame, oracle, gains, mask);
            }
        }
        double[] oracleMean = new double[bands];
        double[] networkMean = new double[bands];
        for (int b = 0; b < bands; b++) {
            oracleMean[b] = trained[b] > 0 ? oracleSum[b] / trained[b] : Double.NaN;
            networkMean[b] = trained[b] > 0 ? networkSum[b] / trained[b] : Double.NaN;
        }
        return new Summary(frames, trained, oracleMean, networkMean);
    }
}
