package dev.quell.nn;

/** Fully connected layer y = act(W x + b); W is out x in (PyTorch {@code nn.Linear} layout). */
public final class DenseLayer implements Layer {
    private final String name;
    private final WeightMatrix weight;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param name layer name
     * @param weight out x in
     * @param bias out values
     * @param activation output activation
     * @throws IllegalArgumentException if the bias length differs from the rows
     */
    public DenseLayer(String name, WeightMatrix weight, float[] bias, Activation activation) {
        if (bias.length != weight.rows()) {
            throw Messages.biasSize(name, bias.length, weight.rows());
        }
        this.name = name;
        this.weight = weight;
        this.bias = bias.clone();
        this.activation = activation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return weight.cols();
    }

    @Override
    public int outputSize() {
        return weight.rows();
    }

    @Override
    public int stateSize() {
        return 0;
    }

    @Override
    public int delay() {
        return 0;
    }

    @Override
    public void forward(float[] input, float[] state, float[] output) {
        System.arraycopy(bias, 0, output, 0, bias.length);
        weight.multiplyAdd(input, 0, output, 0);
        activation.apply(output, 0, bias.length);
    }

    /** @return the weight matrix (read-only; may be shared with other models built from the same file) */
    WeightMatrix weights() {
        return weight;
    }
}
