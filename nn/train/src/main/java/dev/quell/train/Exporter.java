package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.quell.nn.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a trained {@link QuellNet} as a runtime model file ({@link ModelFile}). */
public final class Exporter {
    private Exporter() {
    }

    private static ModelFile.Tensor tensor(Block block, String param) {
        Parameter p = block.getParameters().get(param);
        if (p == null) {
            throw new IllegalStateException("block has no parameter " + param + ": " + block.getParameters().keys());
        }
        NDArray a = p.getArray();
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        return new ModelFile.Tensor(shape, a.toFloatArray());
    }

    /** A layer description with its keys in the given order, so the header (and its checksum) is reproducible. */
    private static Map<String, Object> layer(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /**
     * @param net the trained network
     * @param mean feature means used in training
     * @param std feature standard deviations used in training
     * @param provenance training provenance for the header
     * @param file destination (written atomically)
     * @throws IOException if writing fails
     */
    public static void export(QuellNet net, float[] mean, float[] std, Map<String, Object> provenance, Path file)
            throws IOException {
        LinkedHashMap<String, ModelFile.Tensor> t = new LinkedHashMap<>();
        List<Map<String, Object>> layers = new ArrayList<>();
        int[] f = net.futures();
        layers.add(layer("type", "dense", "name", "input", "inputs", List.of("features"), "activation", "tanh"));
        layers.add(layer("type", "conv1d", "name", "conv1", "activation", "tanh", "future", f[0]));
        layers.add(layer("type", "conv1d", "name", "conv2", "activation", "tanh", "future", f[1]));
        layers.add(layer("type", "gru", "name", "gru1"));
        layers.add(layer("type", "gru", "name", "gru2"));
        layers.add(layer("type", "gru", "name", "gru_r", "inputs", List.of("conv2", "gru2")));
        layers.add(layer("type", "dense", "name", "gains", "inputs", List.of("conv2", "gru1", "gru2"),
                "activation", "sigmoid"));
        layers.add(layer("type", "dense", "name", "strengths", "inputs", List.of("gru_r"), "activation", "sigmoid"));
        for (String name : new String[] {"input", "conv1", "conv2"}) {
            t.put(name + ".weight", tensor(net.child(name), "weight"));
            t.put(name + ".bias", tensor(net.child(name), "bias"));
        }
        for (String name : new String[] {"gru1", "gru2", "gru_r"}) {
            Block b = net.child(name);
            t.put(name + ".weight_ih", tensor(b, "l_0_i2h_WEIGHT"));
            t.put(name + ".weight_hh", tensor(b, "l_0_h2h_WEIGHT"));
            t.put(name + ".bias_ih", tensor(b, "l_0_i2h_BIAS"));
            t.put(name + ".bias_hh", tensor(b, "l_0_h2h_BIAS"));
        }
        for (String name : new String[] {"gains", "strengths"}) {
            t.put(name + ".weight", tensor(net.child(name), "weight"));
            t.put(name + ".bias", tensor(net.child(name), "bias"));
        }
        ModelFile.write(file, new ModelFile.Contents(net.featureCount(), mean, std, layers, t, provenance));
    }
}
