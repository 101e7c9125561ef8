package dev.quell.plugin.engine;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.nn.Model;
import dev.quell.nn.ModelState;

/**
 * Whole-signal enhancement of one 48 kHz channel with a trained network: the DSP chain's
 * features go through the network frame by frame, and its gains and strengths drive the
 * synthesis of the frame {@link Model#lookahead()} frames back (ALGORITHM.md steps 1-10).
 * Output is time-aligned with the input and has the same length.
 *
 * <p>This is the offline core; the host-facing engine (block reframing, parameters, bypass,
 * state) wraps the same per-frame calls.
 */
public final class NetworkEnhancer {
    private NetworkEnhancer() {
    }

    /**
     * @param noisy input at 48 kHz (full scale 1.0)
     * @param model trained network; its look-ahead (0..2 frames) sets the chain's
     * @param postFilterStrength post-filter strength 0..1
     * @param attenuationLimitDb maximum attenuation in dB (positive; infinity = unlimited)
     * @return enhanced signal, same length, time-aligned
     * @throws IllegalArgumentException for a model look-ahead beyond 2 frames
     */
    public static float[] process(float[] noisy, Model model, float postFilterStrength, double attenuationLimitDb) {
        FrameChain chain = new FrameChain(model.lookahead());
        ModelState state = model.newState();
        int hop = FrameFormat.HOP;
        int latency = chain.latencySamples();
        int frames = (noisy.length + latency + hop - 1) / hop;
        float[] x = java.util.Arrays.copyOf(noisy, frames * hop);
        float[] out = new float[frames * hop];
        float[] gains = new float[FrameFormat.BANDS];
        float[] strengths = new float[FrameFormat.BANDS];
        float floor = Double.isInfinite(attenuationLimitDb) ? 0f : (float) Math.pow(10, -attenuationLimitDb / 20);
        for (int t = 0; t < frames; t++) {
            chain.analyze(x, t * hop);
            state.infer(chain.features(), gains, strengths);
            chain.prepareOutputFrame();
            chain.synthesize(gains, strengths, postFilterStrength, floor, out, t * hop);
        }
        return java.util.Arrays.copyOfRange(out, latency, latency + noisy.length);
    }
}
