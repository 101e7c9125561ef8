package dev.quell.nn;

/**
 * 1-D convolution over frames, y_t = act(b + sum_j W[:, :, j] x_{t-(k-1)+j}), with kernel k of
 * which {@code future} taps look ahead. Trained as a PyTorch {@code nn.Conv1d} (weight shape
 * out x in x k) on a sequence padded with k-1-future frames on the left and future on the
 * right, so its output for frame s uses frames s-(k-1-future) .. s+future; streamed, the output
 * computed when frame t arrives belongs to frame t - future: the layer delays by
 * {@link #delay()} = future frames. State: the last k input frames.
 */
public final class ConvLayer implements Layer {
    private final String name;
    private final int in;
    private final int kernel;
    private final int future;
    private final WeightMatrix weight;
    private final float[] bias;
    private final Activation activation;

    /**
     * @param name layer name
     * @param weightOik PyTorch-layout weights, out*in*k floats, index (o*in + i)*k + j
     * @param bias out values
     * @param in input width
     * @param kernel k, at least 1
     * @param future look-ahead taps, 0..k-1
     * @param activation output activation
     * @param precision weight precision
     * @throws IllegalArgumentException for inconsistent sizes
     */
    public ConvLayer(String name, float[] weightOik, float[] bias, int in, int kernel, int future,
                     Activation activation, Precision precision) {
        int out = bias.length;
        if (kernel < 1 || future < 0 || future >= kernel || weightOik.length != out * in * kernel) {
            throw Messages.inconsistentConvolution(name, kernel, future, weightOik.length, out, in);
        }
        // reorder to rows = out, cols = frame-major window (j*in + i), matching the state layout
        float[] w = new float[out * in * kernel];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < kernel; j++) {
                    w[o * in * kernel + j * in + i] = weightOik[(o * in + i) * kernel + j];
                }
            }
        }
        this.name = name;
        this.in = in;
        this.kernel = kernel;
        this.future = future;
        this.weight = WeightMatrix.of(w, out, in * kernel, precision);
        this.bias = bias.clone();
        this.activation = activation;
    }

    /**
     * Folds a convolution's unseen future taps into its newest available tap, so that a network
     * trained with {@code future} frames of look-ahead can run with fewer. The folded layer equals
     * the original one applied to a window whose missing future frames are copies of the newest
     * frame it has (replicate padding at the stream's leading edge): tap j of the original,
     * reading frame s - (k-1-future) + j, keeps its place for frames up to s + newFuture and adds
     * into the tap of frame s + newFuture beyond that. The result has kernel
     * k - (future - newFuture) and the same layout.
     *
     * @param weightOik PyTorch-layout weights out*in*k, index (o*in + i)*k + j
     * @param out output channels
     * @param in input channels
     * @param kernel k
     * @param future look-ahead taps of the original, 0..k-1
     * @param newFuture look-ahead taps wanted, 0..future
     * @return folded weights out*in*(k - future + newFuture), same index scheme
     * @throws IllegalArgumentException for inconsistent arguments
     */
    public static float[] foldFuture(float[] weightOik, int out, int in, int kernel, int future, int newFuture) {
        if (future < 0 || future >= kernel || newFuture < 0 || newFuture > future
                || weightOik.length != out * in * kernel) {
            throw Messages.cannotFold(future, newFuture, kernel);
        }
        int k2 = kernel - (future - newFuture);
        float[] w = new float[out * in * k2];
        for (int oi = 0; oi < out * in; oi++) {
            for (int j = 0; j < kernel; j++) {
                w[oi * k2 + Math.min(j, k2 - 1)] += weightOik[oi * kernel + j];
            }
        }
        return w;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return bias.length;
    }

    @Override
    public int stateSize() {
        return in * kernel;
    }

    @Override
    public int delay() {
        return future;
    }

    @Override
    public void forward(float[] input, float[] state, float[] output) {
        System.arraycopy(state, in, state, 0, in * (kernel - 1));
        System.arraycopy(input, 0, state, in * (kernel - 1), in);
        System.arraycopy(bias, 0, output, 0, bias.length);
        weight.multiplyAdd(state, 0, output, 0);
        activation.apply(output, 0, bias.length);
    }
}
