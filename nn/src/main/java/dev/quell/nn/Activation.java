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
                    v[i] = tanh(v[i]);
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

    /**
     * tanh(x) from the JVM's intrinsic {@link Math#exp}: tanh|x| = (e - 1) / (e + 1) with
     * e = exp(2|x|), the odd series |x| - |x|^3/3 + 2|x|^5/15 below |x| = 1e-3 (where e - 1 would
     * lose digits), and 1 above |x| = 20; sign restored at the end. {@link Math#tanh} is not an
     * intrinsic in JDK 17 (it runs StrictMath's fdlibm code), and cost about 15 % of the network's
     * time. The double result is within about 1e-13 relative of the exact value, so the float
     * result is the correctly rounded tanh except when that lies within 1e-13 of a rounding
     * boundary (then 1 ulp apart).
     *
     * @param x input, any float (NaN gives NaN)
     * @return tanh(x) in [-1, 1]
     */
    public static float tanh(float x) {
        double a = Math.abs((double) x);
        double t;
        if (a < 1e-3) {
            double a2 = a * a;
            t = a * (1 - a2 / 3 + 2 * a2 * a2 / 15);
        } else if (a > 20) {
            t = 1;
        } else {
            double e = Math.exp(2 * a);
            t = (e - 1) / (e + 1);
        }
        return (float) Math.copySign(t, x);
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
        throw Messages.unknownActivation(name);
    }
}
