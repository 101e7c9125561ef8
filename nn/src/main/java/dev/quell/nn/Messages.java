package dev.quell.nn;

/**
 * The exceptions (with their messages) and the kernel names of this package's inference classes,
 * built here so that the classes {@link ModelState#infer} runs hold no string constants (see
 * {@code dev.quell.dsp.Messages} for why). Called only at set-up and on failure paths.
 */
final class Messages {
    private Messages() {
    }

    static IllegalArgumentException unknownActivation(String name) {
        return new IllegalArgumentException("unknown activation '" + name + "'");
    }

    static IllegalArgumentException inconsistentConvolution(String name, int kernel, int future, int weights,
                                                            int out, int in) {
        return new IllegalArgumentException(name + ": inconsistent convolution (k=" + kernel + ", future="
                + future + ", " + weights + " weights for " + out + "x" + in + "x" + kernel + ")");
    }

    static IllegalArgumentException cannotFold(int future, int newFuture, int kernel) {
        return new IllegalArgumentException("cannot fold future taps " + future + " -> " + newFuture
                + " of a kernel " + kernel);
    }

    static IllegalArgumentException weightCount(int rows, int cols, int got) {
        return new IllegalArgumentException("expected " + rows + "x" + cols + " weights, got " + got);
    }

    static IllegalArgumentException inconsistentGru(String name) {
        return new IllegalArgumentException(name + ": inconsistent GRU weight shapes");
    }

    static IllegalArgumentException biasSize(String name, int biasLength, int rows) {
        return new IllegalArgumentException(name + ": bias has " + biasLength + " values for " + rows + " rows");
    }

    static IllegalArgumentException normalisationSize(int inputSize) {
        return new IllegalArgumentException("feature normalisation needs " + inputSize + " values");
    }

    static IllegalArgumentException stdNotPositive(int i) {
        return new IllegalArgumentException("feature_std[" + i + "] must be positive");
    }

    static IllegalArgumentException sourceNotEarlier(String layer) {
        return new IllegalArgumentException(layer + ": a source must be an earlier layer");
    }

    static IllegalArgumentException sourcesDifferInDelay(String layer, int d, int sd) {
        return new IllegalArgumentException(layer + ": sources differ in delay (" + d + " vs " + sd + ")");
    }

    static IllegalArgumentException inputWidth(String layer, int width, int takes) {
        return new IllegalArgumentException(layer + ": inputs give " + width + " values, the layer takes " + takes);
    }

    static IllegalArgumentException outputLayersMissing() {
        return new IllegalArgumentException("the model needs layers named '" + Model.GAINS + "' and '"
                + Model.STRENGTHS + "'");
    }

    static IllegalArgumentException outputLookaheadsDiffer() {
        return new IllegalArgumentException("gains and strengths differ in look-ahead");
    }

    /** @return the scalar kernel's name */
    static String scalarKernel() {
        return "scalar";
    }

    /** @return the Vector API kernel's name for {@code lanes} float lanes */
    static String vectorKernel(int lanes) {
        return "vector-" + lanes;
    }
}
