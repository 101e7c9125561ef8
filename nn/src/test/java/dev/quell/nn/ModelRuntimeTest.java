package dev.quell.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRuntimeTest {
    @TempDir
    Path dir;

    @Test
    void gruMatchesTheFormulaOfPyTorch() {
        Random r = new Random(3);
        int in = 5;
        int h = 4;
        float[] wih = RandomModels.random(r, 3 * h * in, 0.5);
        float[] whh = RandomModels.random(r, 3 * h * h, 0.5);
        float[] bih = RandomModels.random(r, 3 * h, 0.5);
        float[] bhh = RandomModels.random(r, 3 * h, 0.5);
        GruLayer gru = new GruLayer("g", WeightMatrix.of(wih, 3 * h, in, Precision.FLOAT32),
                WeightMatrix.of(whh, 3 * h, h, Precision.FLOAT32), bih, bhh);
        float[] state = new float[gru.stateSize()];
        float[] out = new float[h];
        double[] ref = new double[h];
        for (int step = 0; step < 20; step++) {
            float[] x = RandomModels.random(r, in, 1);
            gru.forward(x, state, out);
            double[] next = new double[h];
            for (int i = 0; i < h; i++) {
                double[] g = new double[6];
                for (int gate = 0; gate < 3; gate++) {
                    int row = gate * h + i;
                    double a = bih[row];
                    for (int c = 0; c < in; c++) {
                        a += wih[row * in + c] * x[c];
                    }
                    double b = bhh[row];
                    for (int c = 0; c < h; c++) {
                        b += whh[row * h + c] * ref[c];
                    }
                    g[gate] = a;
                    g[3 + gate] = b;
                }
                double rr = 1 / (1 + Math.exp(-(g[0] + g[3])));
                double z = 1 / (1 + Math.exp(-(g[1] + g[4])));
                double n = Math.tanh(g[2] + rr * g[5]);
                next[i] = (1 - z) * n + z * ref[i];
            }
            ref = next;
            for (int i = 0; i < h; i++) {
                assertEquals(ref[i], out[i], 1e-5, "step " + step + " unit " + i);
            }
        }
    }

    @Test
    void convolutionDelaysByItsFutureTaps() {
        // k = 3, future = 1, weights pick the centre tap: the output is the input one frame late
        ConvLayer conv = new ConvLayer("c", new float[] {0, 1, 0}, new float[] {0}, 1, 3, 1,
                Activation.LINEAR, Precision.FLOAT32);
        assertEquals(1, conv.delay());
        float[] state = new float[conv.stateSize()];
        float[] out = new float[1];
        for (int t = 1; t <= 5; t++) {
            conv.forward(new float[] {t}, state, out);
            assertEquals(t - 1, out[0], 0);
        }
    }

    @Test
    void foldedConvolutionEqualsReplicatingTheNewestFrame() {
        Random r = new Random(11);
        int in = 3;
        int out = 2;
        float[] w = RandomModels.random(r, out * in * 3, 1);
        float[] b = RandomModels.random(r, out, 1);
        ConvLayer full = new ConvLayer("c", w, b, in, 3, 1, Activation.LINEAR, Precision.FLOAT32);
        ConvLayer folded = new ConvLayer("c", ConvLayer.foldFuture(w, out, in, 3, 1, 0), b, in, 2, 0,
                Activation.LINEAR, Precision.FLOAT32);
        assertEquals(0, folded.delay());
        float[] fs = new float[folded.stateSize()];
        float[] yf = new float[out];
        float[] prev = new float[in];
        for (int t = 0; t < 10; t++) {
            float[] x = RandomModels.random(r, in, 1);
            folded.forward(x, fs, yf);
            // reference: the full layer on the window [prev, x, x] from a fresh state
            float[] s = new float[full.stateSize()];
            float[] y = new float[out];
            full.forward(prev, s, y);
            full.forward(x, s, y);
            full.forward(x, s, y);
            for (int o = 0; o < out; o++) {
                assertEquals(y[o], yf[o], 1e-5, "frame " + t);
            }
            prev = x;
        }
    }

    @Test
    void reducedLookaheadModelsLoadAndAgreeOnSteadyInput() throws IOException {
        Path f = dir.resolve("m.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(8));
        Model full = ModelFile.read(f, Precision.FLOAT32);
        float[] x = RandomModels.random(new Random(1), 70, 2);
        float[][] last = new float[3][];
        for (int la = 0; la <= 2; la++) {
            Model m = ModelFile.read(f, Precision.FLOAT32, la);
            assertEquals(la, m.lookahead());
            ModelState s = m.newState();
            float[] g = new float[34];
            float[] r = new float[34];
            for (int t = 0; t < 300; t++) {
                s.infer(x, g, r);
            }
            last[la] = g.clone();
        }
        // a constant input is its own future: every look-ahead converges to the same gains
        for (int la = 0; la < 2; la++) {
            for (int b = 0; b < 34; b++) {
                assertEquals(last[2][b], last[la][b], 1e-4, "look-ahead " + la + " band " + b);
            }
        }
        assertEquals(full.parameterCount(), ModelFile.read(f, Precision.FLOAT32, 2).parameterCount());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Precision.FLOAT32, 3));
        assertTrue(e.getMessage().contains("m.qnn") && e.getMessage().contains("look-ahead"), e.getMessage());
    }

    /** One parse for every look-ahead: the same outputs as reading each alone, one copy of the big matrices. */
    @Test
    void everyLookaheadFromOneParseSharesWeightsAndEqualsSeparateReads() throws IOException {
        Path f = dir.resolve("every.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(9));
        for (Precision p : Precision.values()) {
            Model[] every = ModelFile.readEveryLookahead("every.qnn", java.nio.file.Files.readAllBytes(f), p);
            assertEquals(3, every.length);
            for (int la = 0; la <= 2; la++) {
                assertEquals(la, every[la].lookahead());
                ModelState a = every[la].newState();
                ModelState b = ModelFile.read(f, p, la).newState();
                Random rnd = new Random(la);
                float[] ga = new float[34];
                float[] ra = new float[34];
                float[] gb = new float[34];
                float[] rb = new float[34];
                for (int t = 0; t < 50; t++) {
                    float[] x = RandomModels.random(rnd, 70, 2);
                    a.infer(x, ga, ra);
                    b.infer(x, gb, rb);
                    assertArrayEquals(gb, ga, p + " look-ahead " + la + " frame " + t);
                    assertArrayEquals(rb, ra, p + " look-ahead " + la + " frame " + t);
                }
            }
            java.util.Set<Object> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            int matrices = 0;
            for (Model m : every) {
                for (Layer l : m.layers()) {
                    if (l instanceof GruLayer || l instanceof DenseLayer) {
                        matrices++;
                        distinct.add(l instanceof GruLayer ? ((GruLayer) l).inputWeights() : ((DenseLayer) l).weights());
                    }
                }
            }
            assertEquals(matrices / 3, distinct.size(), "each dense and GRU layer's matrix is one object in all three models");
        }
    }

    @Test
    void fileRoundTripGivesTheWiredModelWithItsLookahead() throws IOException {
        Path f = dir.resolve("m.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(1));
        Model m = ModelFile.read(f, Precision.FLOAT32);
        assertEquals(2, m.lookahead());
        assertEquals(34, m.bands());
        assertEquals(70, m.inputSize());
        assertTrue(m.provenance().containsKey("trainer"));
        ModelState s = m.newState();
        float[] g = new float[34];
        float[] r = new float[34];
        Random rnd = new Random(2);
        for (int t = 0; t < 50; t++) {
            s.infer(RandomModels.random(rnd, 70, 3), g, r);
            for (int b = 0; b < 34; b++) {
                assertTrue(g[b] >= 0 && g[b] <= 1 && r[b] >= 0 && r[b] <= 1);
            }
        }
    }

    @Test
    void int8StaysCloseToFloat() throws IOException {
        Path f = dir.resolve("m.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(4));
        ModelState fs = ModelFile.read(f, Precision.FLOAT32).newState();
        ModelState qs = ModelFile.read(f, Precision.INT8).newState();
        float[] g1 = new float[34];
        float[] r1 = new float[34];
        float[] g2 = new float[34];
        float[] r2 = new float[34];
        Random rnd = new Random(5);
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            float[] x = RandomModels.random(rnd, 70, 3);
            fs.infer(x, g1, r1);
            qs.infer(x, g2, r2);
            for (int b = 0; b < 34; b++) {
                worst = Math.max(worst, Math.max(Math.abs(g1[b] - g2[b]), Math.abs(r1[b] - r2[b])));
            }
        }
        assertTrue(worst < 0.03 && worst > 0, "worst int8 deviation " + worst);
    }

    @Test
    void int8KeepsTheLayerThatReadsTheFeaturesInFloat() throws IOException {
        Path f = dir.resolve("m.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(4));
        for (Model m : new Model[] {ModelFile.read(f, Precision.INT8), ModelFile.read(f, Precision.INT8, 0)}) {
            int dense = 0;
            int gru = 0;
            for (Layer l : m.layers()) {
                if (l instanceof DenseLayer) {
                    Precision expected = dense++ == 0 ? Precision.FLOAT32 : Precision.INT8;
                    assertEquals(expected, ((DenseLayer) l).weights().precision(), l.name());
                } else if (l instanceof GruLayer) {
                    gru++;
                    assertEquals(Precision.INT8, ((GruLayer) l).inputWeights().precision(), l.name());
                }
            }
            assertEquals(3, dense);
            assertEquals(2, gru);
        }
        for (Layer l : ModelFile.read(f, Precision.FLOAT32).layers()) {
            if (l instanceof DenseLayer) {
                assertEquals(Precision.FLOAT32, ((DenseLayer) l).weights().precision(), l.name());
            }
        }
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRejectedNamingTheFile() throws IOException {
        Path f = dir.resolve("good.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(6));
        byte[] bytes = Files.readAllBytes(f);

        Path flipped = dir.resolve("flipped.qnn");
        byte[] b = bytes.clone();
        b[b.length - 100] ^= 0x10;
        Files.write(flipped, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(flipped, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("flipped.qnn") && e.getMessage().contains("checksum"), e.getMessage());

        Path cut = dir.resolve("cut.qnn");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(cut, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("cut.qnn") && e.getMessage().contains("truncated"), e.getMessage());

        Path foreign = dir.resolve("foreign.qnn");
        Files.writeString(foreign, "definitely not a model file, just text");
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(foreign, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());

        Path future = dir.resolve("future.qnn");
        b = bytes.clone();
        b[8] = 9;
        Files.write(future, b);
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(future, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void malformedHeadersAndTrailersAreRejectedNamingTheProblem() throws IOException {
        Path f = dir.resolve("good.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(9));
        byte[] bytes = Files.readAllBytes(f);

        assertRejected("short.qnn", java.util.Arrays.copyOf(bytes, 10), "too short");
        byte[] longHeader = bytes.clone();
        java.nio.ByteBuffer.wrap(longHeader).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(12, bytes.length);
        assertRejected("header.qnn", longHeader, "header length " + bytes.length + " exceeds the file");
        byte[] extra = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        assertRejected("extra.qnn", extra, "trailing bytes: expected " + bytes.length + " bytes, found " + (bytes.length + 3));

        int headerLength = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(12);
        String header = new String(bytes, 16, headerLength, java.nio.charset.StandardCharsets.UTF_8);
        int shape = header.indexOf("\"shape\" : [ ") + "\"shape\" : [ ".length();
        assertTrue(shape > 20 && Character.isDigit(header.charAt(shape)), header);
        byte[] negative = bytes.clone();
        negative[16 + shape] = '-'; // same length: the first dimension becomes negative
        assertRejected("negative.qnn", negative, "has a non-positive dimension");

        // the last 8 bytes of the last tensor's data cut off
        assertRejected("last.qnn", java.util.Arrays.copyOf(bytes, bytes.length - 8), "runs past the end of the file");
    }

    private static Layer dense(String name, int in, int out) {
        return new DenseLayer(name, WeightMatrix.of(new float[out * in], out, in, Precision.FLOAT32), new float[out],
                Activation.SIGMOID);
    }

    private static Layer conv(String name, int in, int out, int future) {
        return new ConvLayer(name, new float[out * in * 3], new float[out], in, 3, future, Activation.TANH,
                Precision.FLOAT32);
    }

    private static String wiringError(float[] std, List<Layer> layers, int[][] sources) {
        return assertThrows(IllegalArgumentException.class,
                () -> new Model(4, new float[4], std, layers, sources, null)).getMessage();
    }

    @Test
    void inconsistentWiringIsRejectedNamingTheLayer() {
        float[] ones = {1, 1, 1, 1};
        Model ok = new Model(4, new float[4], ones, List.of(conv("c", 4, 5, 1), dense("gains", 5, 34),
                dense("strengths", 5, 34)), new int[][] {{-1}, {0}, {0}}, null);
        assertEquals(1, ok.lookahead());
        assertEquals("feature_std[2] must be positive", wiringError(new float[] {1, 1, 0, 1},
                List.of(dense("gains", 4, 34), dense("strengths", 4, 34)), new int[][] {{-1}, {-1}}));
        assertEquals("gains: a source must be an earlier layer", wiringError(ones,
                List.of(dense("gains", 34, 34), dense("strengths", 4, 34)), new int[][] {{1}, {-1}}));
        assertEquals("d: sources differ in delay (1 vs 0)", wiringError(ones, List.of(conv("c", 4, 5, 1),
                dense("d", 9, 9), dense("gains", 9, 34), dense("strengths", 9, 34)),
                new int[][] {{-1}, {0, -1}, {1}, {1}}));
        assertEquals("strengths: inputs give 4 values, the layer takes 5", wiringError(ones,
                List.of(dense("gains", 4, 34), dense("strengths", 5, 34)), new int[][] {{-1}, {-1}}));
        assertEquals("the model needs layers named 'gains' and 'strengths'", wiringError(ones,
                List.of(dense("gains", 4, 34), dense("other", 4, 34)), new int[][] {{-1}, {-1}}));
        assertEquals("gains and strengths differ in look-ahead", wiringError(ones,
                List.of(conv("c", 4, 5, 1), dense("gains", 5, 34), dense("strengths", 4, 34)),
                new int[][] {{-1}, {0}, {-1}}));
    }

    private void assertRejected(String name, byte[] bytes, String expected) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Precision.FLOAT32));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void provenanceKeepsTheOrderOfTheFile() throws IOException {
        ModelFile.Contents c = RandomModels.percepNetShaped(8);
        LinkedHashMap<String, Object> provenance = new LinkedHashMap<>();
        List<String> keys = List.of("trainer", "steps", "shards", "recipe", "lookahead_frames", "averaged_checkpoints",
                "gru", "features", "loss", "data");
        for (String k : keys) {
            provenance.put(k, k.length());
        }
        Path f = dir.resolve("p.qnn");
        ModelFile.write(f, new ModelFile.Contents(c.inputSize(), c.featureMean(), c.featureStd(), c.layers(), c.tensors(),
                provenance));
        assertEquals(keys, List.copyOf(ModelFile.read(f, Precision.FLOAT32).provenance().keySet()));
    }

    @Test
    void layersThatDoNotFitTheirTensorsAreRejectedNamingTheProblem() throws IOException {
        ModelFile.Contents good = RandomModels.percepNetShaped(7);

        assertInconsistent("type.qnn", withLayer(good, 4, Map.of("type", "lstm", "name", "gru2")),
                "unknown layer type 'lstm'");
        assertInconsistent("input.qnn", withLayer(good, 6, Map.of("type", "dense", "name", "strengths",
                "inputs", List.of("gru3"), "activation", "sigmoid")), "strengths: unknown input 'gru3'");
        assertInconsistent("name.qnn", withLayer(good, 2, Map.of("type", "conv1d", "name", "conv1",
                "activation", "tanh", "future", 1)), "layer names must be unique");

        LinkedHashMap<String, ModelFile.Tensor> missing = new LinkedHashMap<>(good.tensors());
        missing.remove("gru1.bias_hh");
        assertInconsistent("missing.qnn", withTensors(good, missing), "missing tensor gru1.bias_hh");

        LinkedHashMap<String, ModelFile.Tensor> misshapen = new LinkedHashMap<>(good.tensors());
        misshapen.put("gains.weight", new ModelFile.Tensor(new int[] {34, 127}, new float[34 * 127]));
        assertInconsistent("shape.qnn", withTensors(good, misshapen),
                "tensor gains.weight has shape [34, 127], expected [34, 128]");

        LinkedHashMap<String, ModelFile.Tensor> flatConv = new LinkedHashMap<>(good.tensors());
        flatConv.put("conv2.weight", new ModelFile.Tensor(new int[] {48, 144}, new float[48 * 144]));
        assertInconsistent("conv.qnn", withTensors(good, flatConv), "conv2.weight must be [out, in, k]");
    }

    private void assertInconsistent(String name, ModelFile.Contents contents, String expected) throws IOException {
        Path f = dir.resolve(name);
        ModelFile.write(f, contents);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(f, Precision.FLOAT32));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("inconsistent model")
                && e.getMessage().contains(expected), e.getMessage());
    }

    private static ModelFile.Contents withLayer(ModelFile.Contents c, int at, Map<String, Object> layer) {
        List<Map<String, Object>> layers = new ArrayList<>(c.layers());
        layers.set(at, layer);
        return new ModelFile.Contents(c.inputSize(), c.featureMean(), c.featureStd(), layers, c.tensors(), c.provenance());
    }

    private static ModelFile.Contents withTensors(ModelFile.Contents c, LinkedHashMap<String, ModelFile.Tensor> t) {
        return new ModelFile.Contents(c.inputSize(), c.featureMean(), c.featureStd(), c.layers(), t, c.provenance());
    }

    @Test
    void inferenceAllocatesNothing() throws IOException {
        Path f = dir.resolve("m.qnn");
        ModelFile.write(f, RandomModels.percepNetShaped(7));
        for (Precision p : Precision.values()) {
            ModelState s = ModelFile.read(f, p).newState();
            float[] x = RandomModels.random(new Random(8), 70, 1);
            float[] g = new float[34];
            float[] r = new float[34];
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            for (int i = 0; i < 5000; i++) {
                s.infer(x, g, r);
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long before = mx.getThreadAllocatedBytes(id);
                for (int i = 0; i < 1000; i++) {
                    s.infer(x, g, r);
                }
                best = Math.min(best, mx.getThreadAllocatedBytes(id) - before);
            }
            assertEquals(0, best, p + ": bytes per 1000 frames");
        }
    }
}
