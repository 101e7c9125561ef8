package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.nn.Model;
import dev.quell.nn.ModelFile;
import dev.quell.nn.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkEnhancerTest {
    @TempDir
    Path dir;

    /** A model whose gains are all sigmoid(bias) and strengths 0, with a given look-ahead. */
    private Model constantModel(int lookahead, float gainBias) throws IOException {
        LinkedHashMap<String, ModelFile.Tensor> t = new LinkedHashMap<>();
        List<Map<String, Object>> layers = List.of(
                Map.of("type", "conv1d", "name", "conv", "inputs", List.of("features"), "future", lookahead),
                Map.of("type", "dense", "name", "gains", "inputs", List.of("conv"), "activation", "sigmoid"),
                Map.of("type", "dense", "name", "strengths", "inputs", List.of("conv"), "activation", "sigmoid"));
        t.put("conv.weight", new ModelFile.Tensor(new int[] {4, 70, 3}, new float[4 * 70 * 3]));
        t.put("conv.bias", new ModelFile.Tensor(new int[] {4}, new float[4]));
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
        Path f = dir.resolve("m" + lookahead + ".qnn");
        ModelFile.write(f, new ModelFile.Contents(70, new float[70], std, layers, t, Map.of()));
        return ModelFile.read(f, Precision.FLOAT32);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void unityGainModelGivesBackTheInputTimeAligned(int lookahead) throws IOException {
        Model m = constantModel(lookahead, 30f);
        assertEquals(lookahead, m.lookahead());
        Random r = new Random(1);
        float[] x = new float[48_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        float[] y = NetworkEnhancer.process(x, m, 0f, Double.POSITIVE_INFINITY);
        assertEquals(x.length, y.length);
        double err = 0;
        double sig = 0;
        for (int i = 0; i < x.length; i++) {
            err += (y[i] - x[i]) * (double) (y[i] - x[i]);
            sig += x[i] * (double) x[i];
        }
        assertTrue(10 * Math.log10(err / sig) < -60, "error " + 10 * Math.log10(err / sig) + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 20})
    void attenuationLimitBoundsTheReduction(int limitDb) throws IOException {
        Model m = constantModel(2, -30f); // the network asks for silence
        float[] x = new float[48_000];
        Random r = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        float[] y = NetworkEnhancer.process(x, m, 1f, limitDb);
        double ex = 0;
        double ey = 0;
        for (int i = 4800; i < x.length - 4800; i++) {
            ex += x[i] * (double) x[i];
            ey += y[i] * (double) y[i];
        }
        assertEquals(-limitDb, 10 * Math.log10(ey / ex), 0.5);
    }
}
