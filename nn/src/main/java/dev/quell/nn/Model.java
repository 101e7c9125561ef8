package dev.quell.nn;

import java.util.List;
import java.util.Map;

/**
 * A loaded network: immutable layers wired as a small DAG, the feature normalisation and the
 * look-ahead they imply. Thread-safe; each audio stream runs it through its own
 * {@link ModelState} ({@link #newState()}).
 *
 * <p>Wiring: layer i reads the concatenation of its sources, each either the normalised
 * features (source -1) or an earlier layer. All sources of a layer must carry the same delay;
 * a layer's delay is that plus its own ({@link Layer#delay()}). The outputs are the layers named
 * {@code gains} and {@code strengths} (34 sigmoid values each); their common delay is the
 * model's look-ahead in frames.
 *
 * <p>Start-up matches training, where every convolution's input was padded with zero frames: a
 * layer whose input frame would lie before the start of the stream is not run (its output stays
 * zero and recurrent state untouched), so the streamed outputs equal the trained network's
 * whole-sequence outputs from the first frame on.
 */
public final class Model {
    /** Name of the band-gain output layer. */
    public static final String GAINS = "gains";
    /** Name of the comb-strength output layer. */
    public static final String STRENGTHS = "strengths";

    private final List<Layer> layers;
    private final int[][] sources;
    private final int inputSize;
    private final float[] featureMean;
    private final float[] featureInvStd;
    private final int gainsLayer;
    private final int strengthsLayer;
    private final int lookahead;
    private final int[] inputDelay;
    private final Map<String, Object> provenance;

    /**
     * @param inputSize feature count
     * @param featureMean per-feature mean subtracted before the network (inputSize values)
     * @param featureStd per-feature standard deviation divided out (inputSize values, positive)
     * @param layers layers in evaluation order
     * @param sources for each layer, the indices of its sources (-1 = features)
     * @param provenance free-form training provenance from the header
     * @throws IllegalArgumentException for inconsistent wiring or sizes
     */
    public Model(int inputSize, float[] featureMean, float[] featureStd, List<Layer> layers, int[][] sources,
                 Map<String, Object> provenance) {
        if (featureMean.length != inputSize || featureStd.length != inputSize) {
            throw Messages.normalisationSize(inputSize);
        }
        this.inputSize = inputSize;
        this.featureMean = featureMean.clone();
        this.featureInvStd = inverse(featureStd);
        this.layers = List.copyOf(layers);
        this.sources = sources.clone();
        // in the header's order (Map.copyOf's order changes from one JVM run to the next)
        this.provenance = provenance == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        int[] delay = new int[layers.size()];
        this.inputDelay = new int[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            inputDelay[l] = inputDelayOf(l, delay);
            delay[l] = inputDelay[l] + layers.get(l).delay();
        }
        int gains = lastNamed(GAINS);
        int strengths = lastNamed(STRENGTHS);
        if (gains < 0 || strengths < 0) {
            throw Messages.outputLayersMissing();
        }
        if (delay[gains] != delay[strengths]) {
            throw Messages.outputLookaheadsDiffer();
        }
        this.gainsLayer = gains;
        this.strengthsLayer = strengths;
        this.lookahead = delay[gains];
    }

    private static float[] inverse(float[] featureStd) {
        float[] inv = new float[featureStd.length];
        for (int i = 0; i < inv.length; i++) {
            if (!(featureStd[i] > 0)) {
                throw Messages.stdNotPositive(i);
            }
            inv[i] = 1f / featureStd[i];
        }
        return inv;
    }

    /**
     * Checks layer l's wiring: sources earlier than l, all at one delay, their widths adding up to
     * the layer's input size.
     *
     * @param delay the delays of layers 0..l-1, frames
     * @return the delay of layer l's input, frames (0 when it reads the features only)
     * @throws IllegalArgumentException when the wiring is inconsistent
     */
    private int inputDelayOf(int l, int[] delay) {
        Layer layer = layers.get(l);
        int width = 0;
        int d = -1;
        for (int s : sources[l]) {
            if (s >= l || s < -1) {
                throw Messages.sourceNotEarlier(layer.name());
            }
            int sd = s < 0 ? 0 : delay[s];
            if (d >= 0 && sd != d) {
                throw Messages.sourcesDifferInDelay(layer.name(), d, sd);
            }
            d = sd;
            width += s < 0 ? inputSize : layers.get(s).outputSize();
        }
        if (width != layer.inputSize()) {
            throw Messages.inputWidth(layer.name(), width, layer.inputSize());
        }
        return Math.max(d, 0);
    }

    /** @return the index of the last layer with this name, or -1 */
    private int lastNamed(String name) {
        int index = -1;
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).name().equals(name)) {
                index = l;
            }
        }
        return index;
    }

    /** @return a fresh streaming state (allocates; call outside the audio thread) */
    public ModelState newState() {
        return new ModelState(this);
    }

    /** @return number of input features per frame */
    public int inputSize() {
        return inputSize;
    }

    /** @return look-ahead in frames: outputs computed at frame t belong to frame t - lookahead */
    public int lookahead() {
        return lookahead;
    }

    /** @return number of output bands (width of the gains layer) */
    public int bands() {
        return layers.get(gainsLayer).outputSize();
    }

    /** @return total number of weights and biases */
    public long parameterCount() {
        long n = 0;
        for (Layer l : layers) {
            if (l instanceof GruLayer) {
                n += 3L * l.outputSize() * (l.inputSize() + l.outputSize()) + 6L * l.outputSize();
            } else if (l instanceof ConvLayer) {
                n += (long) l.outputSize() * (l.stateSize() + 1);
            } else {
                n += (long) l.outputSize() * (l.inputSize() + 1);
            }
        }
        return n;
    }

    /** @return the training provenance recorded in the file header, in its order (unmodifiable) */
    public Map<String, Object> provenance() {
        return provenance;
    }

    List<Layer> layers() {
        return layers;
    }

    int[] sources(int layer) {
        return sources[layer];
    }

    /** Frames by which a layer's input lags the features (the delays of the layers before it). */
    int inputDelay(int layer) {
        return inputDelay[layer];
    }

    int gainsLayer() {
        return gainsLayer;
    }

    int strengthsLayer() {
        return strengthsLayer;
    }

    float featureMean(int i) {
        return featureMean[i];
    }

    float featureInvStd(int i) {
        return featureInvStd[i];
    }
}
