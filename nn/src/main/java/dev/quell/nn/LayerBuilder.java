package dev.quell.nn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;

/**
 * Makes the runtime layer of one {@code layers} entry of a model file's header from the file's
 * tensors (PyTorch layouts, see {@link ModelFile}): dense {@code name.weight} [out, in] and
 * {@code name.bias} [out]; conv1d {@code name.weight} [out, in, k] and {@code name.bias} [out];
 * gru {@code name.weight_ih} [3H, in], {@code name.weight_hh} [3H, H], {@code name.bias_ih} and
 * {@code name.bias_hh} [3H].
 *
 * <p>A convolution named in {@code reducedFuture} gets fewer future taps than it was trained
 * with: the surplus ones are folded into its newest remaining tap ({@link ConvLayer#foldFuture}).
 * Weight matrices go through {@code shared} (by tensor name), so models built from one file at
 * several look-aheads share their read-only weights.
 *
 * <p>With {@link Precision#INT8}, a layer that reads the normalised features directly keeps
 * float32 weights: its columns meet inputs of very different spread (log energies, coherences,
 * pitch, noise-floor distances), so one scale per row rounds most of them coarsely. In the
 * shipped model that layer holds 1 % of the weights but, measured against the trainer's forward
 * pass at look-ahead 0, half of the int8 error (worst band-gain error 0.055 with it in int8,
 * 0.031 without; docs/model-card.md).
 */
final class LayerBuilder {
    private final Map<String, float[]> tensors;
    private final Map<String, int[]> shapes;
    private final Precision precision;
    private final Map<String, Integer> reducedFuture;
    private final Map<String, WeightMatrix> shared;

    /**
     * @param tensors the file's tensors by name (flat, row-major)
     * @param shapes their shapes by name
     * @param precision the precision of the weight matrices
     * @param reducedFuture future taps (frames) per convolution to run with, when fewer than trained
     * @param shared weight matrices already made, by tensor name; new ones are added
     */
    LayerBuilder(Map<String, float[]> tensors, Map<String, int[]> shapes, Precision precision,
                 Map<String, Integer> reducedFuture, Map<String, WeightMatrix> shared) {
        this.tensors = tensors;
        this.shapes = shapes;
        this.precision = precision;
        this.reducedFuture = reducedFuture;
        this.shared = shared;
    }

    /**
     * @param entry the header's entry for the layer ({@code type}, {@code activation},
     *     {@code future})
     * @param name the layer's name
     * @param width the layer's input width (sum of its sources' output sizes)
     * @param readsFeatures whether one of the layer's sources is the normalised feature vector
     * @return the layer
     * @throws IllegalArgumentException if the type is unknown or a tensor is missing or misshapen
     */
    Layer build(JsonNode entry, String name, int width, boolean readsFeatures) {
        String type = entry.path("type").asText();
        Precision p = readsFeatures ? Precision.FLOAT32 : precision;
        switch (type) {
            case "dense":
                return dense(entry, name, width, p);
            case "conv1d":
                return conv(entry, name, width, p);
            case "gru":
                return gru(name, width, p);
            default:
                throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
    }

    private Layer dense(JsonNode entry, String name, int width, Precision p) {
        float[] b = tensor(name + ".bias");
        float[] w = tensor(name + ".weight", b.length, width);
        return new DenseLayer(name, matrix(name + ".weight", w, b.length, width, p), b, activation(entry));
    }

    private Layer conv(JsonNode entry, String name, int width, Precision p) {
        float[] b = tensor(name + ".bias");
        int[] s = shapes.get(name + ".weight");
        if (s == null || s.length != 3) {
            throw new IllegalArgumentException(name + ".weight must be [out, in, k]");
        }
        float[] w = tensor(name + ".weight", b.length, width, s[2]);
        int kernel = s[2];
        int future = entry.path("future").asInt(0);
        Integer newFuture = reducedFuture.get(name);
        if (newFuture != null && newFuture < future) {
            w = ConvLayer.foldFuture(w, b.length, width, kernel, future, newFuture);
            kernel -= future - newFuture;
            future = newFuture;
        }
        return new ConvLayer(name, w, b, width, kernel, future, activation(entry), p);
    }

    private Layer gru(String name, int width, Precision p) {
        float[] bih = tensor(name + ".bias_ih");
        int h = bih.length / 3;
        float[] wih = tensor(name + ".weight_ih", 3 * h, width);
        float[] whh = tensor(name + ".weight_hh", 3 * h, h);
        float[] bhh = tensor(name + ".bias_hh", 3 * h);
        return new GruLayer(name, matrix(name + ".weight_ih", wih, 3 * h, width, p),
                matrix(name + ".weight_hh", whh, 3 * h, h, p), bih, bhh);
    }

    private static Activation activation(JsonNode entry) {
        return Activation.parse(entry.path("activation").asText("linear"));
    }

    private float[] tensor(String name, int... shape) {
        float[] t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("missing tensor " + name);
        }
        int[] s = shapes.get(name);
        if (shape.length > 0 && !Arrays.equals(s, shape)) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(s)
                    + ", expected " + Arrays.toString(shape));
        }
        return t;
    }

    private WeightMatrix matrix(String tensor, float[] w, int rows, int cols, Precision p) {
        WeightMatrix m = shared.get(tensor);
        if (m == null || m.rows() != rows || m.cols() != cols) {
            m = WeightMatrix.of(w, rows, cols, p);
            shared.put(tensor, m);
        }
        return m;
    }
}
