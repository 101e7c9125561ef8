package dev.quell.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A small PercepNet-shaped model with random weights, as file contents. */
final class RandomModels {
    private RandomModels() {
    }

    static float[] random(Random r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    /** features(70) -> dense 32 -> conv(k3,f1) 48 -> conv(k3,f1) 48 -> gru 40 -> gru 40 -> heads(34). */
    static ModelFile.Contents percepNetShaped(long seed) {
        Random r = new Random(seed);
        LinkedHashMap<String, ModelFile.Tensor> t = new LinkedHashMap<>();
        List<Map<String, Object>> layers = new ArrayList<>();
        int in = 70;
        layers.add(Map.of("type", "dense", "name", "input", "inputs", List.of("features"), "activation", "tanh"));
        t.put("input.weight", new ModelFile.Tensor(new int[] {32, in}, random(r, 32 * in, 0.15)));
        t.put("input.bias", new ModelFile.Tensor(new int[] {32}, random(r, 32, 0.1)));
        layers.add(Map.of("type", "conv1d", "name", "conv1", "activation", "tanh", "future", 1));
        t.put("conv1.weight", new ModelFile.Tensor(new int[] {48, 32, 3}, random(r, 48 * 32 * 3, 0.1)));
        t.put("conv1.bias", new ModelFile.Tensor(new int[] {48}, random(r, 48, 0.1)));
        layers.add(Map.of("type", "conv1d", "name", "conv2", "activation", "tanh", "future", 1));
        t.put("conv2.weight", new ModelFile.Tensor(new int[] {48, 48, 3}, random(r, 48 * 48 * 3, 0.1)));
        t.put("conv2.bias", new ModelFile.Tensor(new int[] {48}, random(r, 48, 0.1)));
        for (String g : new String[] {"gru1", "gru2"}) {
            int gin = g.equals("gru1") ? 48 : 40;
            layers.add(Map.of("type", "gru", "name", g));
            t.put(g + ".weight_ih", new ModelFile.Tensor(new int[] {120, gin}, random(r, 120 * gin, 0.2)));
            t.put(g + ".weight_hh", new ModelFile.Tensor(new int[] {120, 40}, random(r, 120 * 40, 0.2)));
            t.put(g + ".bias_ih", new ModelFile.Tensor(new int[] {120}, random(r, 120, 0.1)));
            t.put(g + ".bias_hh", new ModelFile.Tensor(new int[] {120}, random(r, 120, 0.1)));
        }
        layers.add(Map.of("type", "dense", "name", "gains", "inputs", List.of("conv2", "gru1", "gru2"),
                "activation", "sigmoid"));
        t.put("gains.weight", new ModelFile.Tensor(new int[] {34, 128}, random(r, 34 * 128, 0.15)));
        t.put("gains.bias", new ModelFile.Tensor(new int[] {34}, random(r, 34, 0.1)));
        layers.add(Map.of("type", "dense", "name", "strengths", "inputs", List.of("gru2"), "activation", "sigmoid"));
        t.put("strengths.weight", new ModelFile.Tensor(new int[] {34, 40}, random(r, 34 * 40, 0.15)));
        t.put("strengths.bias", new ModelFile.Tensor(new int[] {34}, random(r, 34, 0.1)));
        float[] mean = random(r, in, 1);
        float[] std = new float[in];
        java.util.Arrays.fill(std, 2f);
        return new ModelFile.Contents(in, mean, std, layers, t, Map.of("trainer", "RandomModels", "seed", seed));
    }
}
