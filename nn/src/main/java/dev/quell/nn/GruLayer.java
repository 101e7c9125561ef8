package dev.quell.nn;

/**
 * Gated recurrent unit with exactly PyTorch's {@code nn.GRU} semantics (gate order r, z, n;
 * the reset gate multiplies the recurrent product including its bias):
 * <pre>
 * r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 * z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 * Weights: weight_ih (3H x I) and weight_hh (3H x H), rows in gate order r, z, n. State: h (H)
 * plus 6H floats of scratch. Output: h'.
 */
public final class GruLayer implements Layer {
    private final String name;
    private final int inputSize;
    private final int hidden;
    private final WeightMatrix weightIh;
    private final WeightMatrix weightHh;
    private final float[] biasIh;
    private final float[] biasHh;

    /**
     * @param name layer name
     * @param weightIh 3H x I
     * @param weightHh 3H x H
     * @param biasIh 3H
     * @param biasHh 3H
     * @throws IllegalArgumentException for inconsistent sizes
     */
    public GruLayer(String name, WeightMatrix weightIh, WeightMatrix weightHh, float[] biasIh, float[] biasHh) {
        int h3 = weightHh.rows();
        if (h3 % 3 != 0 || weightHh.cols() * 3 != h3 || weightIh.rows() != h3
                || biasIh.length != h3 || biasHh.length != h3) {
            throw Messages.inconsistentGru(name);
        }
        this.name = name;
        this.inputSize = weightIh.cols();
        this.hidden = h3 / 3;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh.clone();
        this.biasHh = biasHh.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return hidden;
    }

    @Override
    public int stateSize() {
        return 7 * hidden;
    }

    @Override
    public int delay() {
        return 0;
    }

    @Override
    public void forward(float[] input, float[] state, float[] output) {
        int h = hidden;
        int gi = h;          // state[h .. 4h): W_ih x + b_ih
        int gh = 4 * h;      // state[4h .. 7h): W_hh h + b_hh
        System.arraycopy(biasIh, 0, state, gi, 3 * h);
        System.arraycopy(biasHh, 0, state, gh, 3 * h);
        weightIh.multiplyAdd(input, 0, state, gi);
        weightHh.multiplyAdd(state, 0, state, gh);
        for (int i = 0; i < h; i++) {
            float r = Activation.sigmoid(state[gi + i] + state[gh + i]);
            float z = Activation.sigmoid(state[gi + h + i] + state[gh + h + i]);
            float n = Activation.tanh(state[gi + 2 * h + i] + r * state[gh + 2 * h + i]);
            float next = (1 - z) * n + z * state[i];
            output[i] = next;
        }
        System.arraycopy(output, 0, state, 0, h);
    }

    /** @return the weight matrix (read-only; may be shared with other models built from the same file) */
    WeightMatrix inputWeights() {
        return weightIh;
    }
}
