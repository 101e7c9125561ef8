package dev.quell.plugin.engine;

import dev.quell.nn.ModelFile;
import dev.quell.nn.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small model files with known behaviour for engine tests. */
final class TestModels {
    private TestModels() {
    }

    /**
     * A model whose gains are all sigmoid(gainBias) and strengths ~0, whatever the input, with 2
     * frames of look-ahead (so the engine can also run it at 0 and 1).
     */
    static EngineModels constant(Path dir, float gainBias) throws IOException {
        LinkedHashMap<String, ModelFile.Tensor> t = new LinkedHashMap<>();
        List<Map<String, Object>> layers = List.of(
                Map.of("type", "conv1d", "name", "conv1", "inputs", List.of("features"), "future", 1),
                Map.of("type", "conv1d", "name", "conv2", "future", 1),
                Map.of("type", "dense", "name", "gains", "inputs", List.of("conv2"), "activation", "sigmoid"),
                Map.of("type", "dense", "name", "strengths", "inputs", List.of("conv2"), "activation", "sigmoid"));
        t.put("conv1.weight", new ModelFile.Tensor(new int[] {4, 70, 3}, new float[4 * 70 * 3]));
        t.put("conv1.bias", new ModelFile.Tensor(new int[] {4}, new float[4]));
        t.put("conv2.weight", new ModelFile.Tensor(new int[] {4, 4, 3}, new float[4 * 4 * 3]));
        t.put("conv2.bias", new ModelFile.Tensor(new int[] {4}, new float[4]));
        float[] gb = new float[34];
        float[] sb = new float[34];
        java.util.Arrays.fill(gb, gainBias);
        java.util.Arrays.fill(sb, -30f);
        t.put("gains.weight", new ModelFile.Tensor(new int[] {34, 4}, new float[34 * 4]));
        t.put("gains.bias", new ModelFile.Tensor(new int[] {34}, gb));
        t.put("strengths.weight", new ModelFile.Tensor(new int[] {34, 4}, new float[34 * 4]));
        t.put("strengths.bias", new ModelFile.Tensor(new int[] {34}, sb));
        float[] std = new float[70];
        java.util.Arrays.fill(std, 1f);
        Path f = dir.resolve("constant" + gainBias + ".qnn");
        ModelFile.write(f, new ModelFile.Contents(70, new float[70], std, layers, t, Map.of()));
        return EngineModels.load(f, Precision.FLOAT32);
    }

    /** Passes everything: gains 1, no comb filtering. */
    static EngineModels unity(Path dir) throws IOException {
        return constant(dir, 30f);
    }

    /** Asks for silence everywhere: gains ~1e-13. */
    static EngineModels silence(Path dir) throws IOException {
        return constant(dir, -30f);
    }

    /** Noise plus a gliding harmonic tone with a syllable-rate envelope: speech-like enough for the chain. */
    static float[] speechLike(long seed, int n, int rate) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double f0 = 140 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / rate;
            double env = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
            double v = 0;
            for (int h = 1; h <= 10; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.08 * env * v + 0.01 * r.nextGaussian());
        }
        return x;
    }

    static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += x[i] * (double) x[i];
        }
        return e;
    }
}
