package dev.quell.validation.bench;

import dev.quell.dsp.NetworkInputs;
import dev.quell.nn.Model;
import dev.quell.nn.ModelFile;
import dev.quell.nn.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A network with the shipped architecture (104 inputs, dense 128, two 3x256 convolutions, GRUs 256/256/128,
 * 34+34 outputs; 1.37 M parameters) and random weights, so benchmarks measure inference cost
 * without needing a trained file.
 */
public final class BenchModels {
    /** Input features per frame of the shipped network: the 70 features and 34 noise-floor distances. */
    public static final int INPUTS = NetworkInputs.WITH_NOISE_FLOOR;

    private BenchModels() {
    }

    private static ModelFile.Tensor t(Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        double scale = 1 / Math.sqrt(shape.length > 1 ? shape[1] : 1);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return new ModelFile.Tensor(shape, v);
    }

    /**
     * @param precision weight precision
     * @return the model
     * @throws IOException if the temporary file cannot be written
     */
    public static Model shippedShape(Precision precision) throws IOException {
        Random r = new Random(1);
        LinkedHashMap<String, ModelFile.Tensor> ts = new LinkedHashMap<>();
        ts.put("input.weight", t(r, 128, INPUTS));
        ts.put("input.bias", t(r, 128));
        ts.put("conv1.weight", t(r, 256, 128, 3));
        ts.put("conv1.bias", t(r, 256));
        ts.put("conv2.weight", t(r, 256, 256, 3));
        ts.put("conv2.bias", t(r, 256));
        int[][] gru = {{256, 256}, {256, 256}, {128, 512}};
        String[] names = {"gru1", "gru2", "gru_r"};
        for (int i = 0; i < 3; i++) {
            int h = gru[i][0];
            ts.put(names[i] + ".weight_ih", t(r, 3 * h, gru[i][1]));
            ts.put(names[i] + ".weight_hh", t(r, 3 * h, h));
            ts.put(names[i] + ".bias_ih", t(r, 3 * h));
            ts.put(names[i] + ".bias_hh", t(r, 3 * h));
        }
        ts.put("gains.weight", t(r, 34, 768));
        ts.put("gains.bias", t(r, 34));
        ts.put("strengths.weight", t(r, 34, 128));
        ts.put("strengths.bias", t(r, 34));
        List<Map<String, Object>> layers = List.of(
                Map.of("type", "dense", "name", "input", "inputs", List.of("features"), "activation", "tanh"),
                Map.of("type", "conv1d", "name", "conv1", "activation", "tanh", "future", 1),
                Map.of("type", "conv1d", "name", "conv2", "activation", "tanh", "future", 1),
                Map.of("type", "gru", "name", "gru1"),
                Map.of("type", "gru", "name", "gru2"),
                Map.of("type", "gru", "name", "gru_r", "inputs", List.of("conv2", "gru2")),
                Map.of("type", "dense", "name", "gains", "inputs", List.of("conv2", "gru1", "gru2"), "activation", "sigmoid"),
                Map.of("type", "dense", "name", "strengths", "inputs", List.of("gru_r"), "activation", "sigmoid"));
        float[] std = new float[INPUTS];
        java.util.Arrays.fill(std, 1f);
        Path f = Files.createTempFile("quell-bench", ".qnn");
        try {
            ModelFile.write(f, new ModelFile.Contents(INPUTS, new float[INPUTS], std, layers, ts, Map.of("purpose", "benchmark")));
            return ModelFile.read(f, precision);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
