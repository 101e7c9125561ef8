package dev.quell.nn;

/**
 * One layer of a streaming network. Weights are immutable and shared by every stream; each
 * stream owns a state array of {@link #stateSize()} floats (recurrent memory, frame window,
 * scratch). {@link #forward} runs one frame and allocates nothing.
 */
public interface Layer {
    /** @return the layer's name in the model file */
    String name();

    /** @return input width (floats per frame) */
    int inputSize();

    /** @return output width (floats per frame) */
    int outputSize();

    /** @return floats of per-stream state */
    int stateSize();

    /** @return frames of look-ahead the layer adds (its output for frame t appears at frame t + delay) */
    int delay();

    /**
     * Runs one frame.
     *
     * @param input {@link #inputSize()} values
     * @param state this stream's state ({@link #stateSize()} values), updated
     * @param output receives {@link #outputSize()} values
     */
    void forward(float[] input, float[] state, float[] output);
}
