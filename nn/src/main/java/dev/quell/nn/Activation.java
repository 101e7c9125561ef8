package dev.quell.nn;

/** Element-wise activations, applied in place. */
public enum Activation {
    /** identity */
    LINEAR,
    /** tanh(x) */
    TANH,
    /** 1 / (1 + e^-x) */
    SIGMOID,
    /** max(0, x) */
    RELU;

    /**
     * Applies the activation to v[off .. off+n).
     *
     * @param v values, replaced
     * @param off first index
     * @param n count
     */
    public void apply(float[] v, int off, int n) {
        switch (this) {
            case LINEAR:
                return;
            case TANH:
                for (int i = off; i < off + n; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
                return;
            case SIGMOID:
                for (int i = off; i < off + n; i++) {
                    v[i] = sigmoid(v[i]);
                }
                return;
            case RELU:
                for (int i = off; i < off + n; i++) {
                    v[i] = Math.max(0f, v[i]);
                }
                return;
            default:
                throw new IllegalStateException(name());
        }
    }

    /** @param x input @return the logistic sigmoid of x */
    public static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * Parses a header name.
     *
     * @param name linear, tanh, sigmoid or relu
     * @return the activation
     * @throws IllegalArgumentException for other names
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'");
    }
}
