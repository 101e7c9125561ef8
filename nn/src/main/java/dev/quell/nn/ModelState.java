package dev.quell.nn;

import java.util.List;

/**
 * One stream's recurrent memory and buffers for a {@link Model}. {@link #infer} runs one 10 ms
 * frame and allocates nothing; {@link #reset()} clears the memory (for a new stream). Not
 * thread-safe: one instance per stream (per channel group in the plugin).
 */
public final class ModelState {
    private final Model model;
    private final float[] features;
    private final float[][] inputs;
    private final float[][] states;
    private final float[][] outputs;
    private long frame;

    ModelState(Model model) {
        this.model = model;
        List<Layer> layers = model.layers();
        features = new float[model.inputSize()];
        inputs = new float[layers.size()][];
        states = new float[layers.size()][];
        outputs = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            inputs[l] = new float[layers.get(l).inputSize()];
            states[l] = new float[layers.get(l).stateSize()];
            outputs[l] = new float[layers.get(l).outputSize()];
        }
    }

    /**
     * Runs one frame: normalises the features, evaluates every layer and copies the outputs.
     * The outputs belong to the frame {@link Model#lookahead()} frames before these features.
     *
     * @param rawFeatures {@link Model#inputSize()} features of the newest frame (as computed by
     *     the DSP, before normalisation); non-finite values are treated as 0 after normalisation
     * @param gains receives {@link Model#bands()} band gains in [0, 1]
     * @param strengths receives {@link Model#bands()} comb strengths in [0, 1]
     */
    public void infer(float[] rawFeatures, float[] gains, float[] strengths) {
        for (int i = 0; i < features.length; i++) {
            float v = (rawFeatures[i] - model.featureMean(i)) * model.featureInvStd(i);
            features[i] = Float.isFinite(v) ? Math.max(-1e3f, Math.min(1e3f, v)) : 0f;
        }
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            long inputFrame = frame - model.inputDelay(l);
            if (inputFrame < 0) {
                continue; // this layer's input is still zero padding before the stream start
            }
            float[] in = inputs[l];
            int pos = 0;
            for (int s : model.sources(l)) {
                float[] src = s < 0 ? features : outputs[s];
                System.arraycopy(src, 0, in, pos, src.length);
                pos += src.length;
            }
            layers.get(l).forward(in, states[l], outputs[l]);
            if (inputFrame < layers.get(l).delay()) {
                java.util.Arrays.fill(outputs[l], 0f); // output for a frame before the start: padding
            }
        }
        frame++;
        float[] g = outputs[model.gainsLayer()];
        float[] r = outputs[model.strengthsLayer()];
        System.arraycopy(g, 0, gains, 0, g.length);
        System.arraycopy(r, 0, strengths, 0, r.length);
    }

    /** Clears recurrent memory and frame windows. */
    public void reset() {
        for (float[] s : states) {
            java.util.Arrays.fill(s, 0f);
        }
        for (float[] o : outputs) {
            java.util.Arrays.fill(o, 0f);
        }
        frame = 0;
    }
}
