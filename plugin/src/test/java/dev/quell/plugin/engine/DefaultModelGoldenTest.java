package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.nn.Model;
import dev.quell.nn.ModelState;
import dev.quell.nn.Precision;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped default model against golden sequences that the trainer (DJL, PyTorch) wrote for
 * the same checkpoint: the Java runtime must reproduce DJL's forward pass within 1e-4, at every
 * look-ahead (the reduced ones fold the convolutions exactly as the trainer does), in float32;
 * int8 stays within 0.05 of it.
 */
class DefaultModelGoldenTest {
    private static float[][][] golden(int lookahead) throws IOException {
        String name = "/dev/quell/plugin/model/golden-L" + lookahead + ".bin";
        try (InputStream raw = DefaultModelGoldenTest.class.getResourceAsStream(name)) {
            assertNotNull(raw, name + " is committed with the model");
            DataInputStream in = new DataInputStream(raw);
            int t = in.readInt();
            int nf = in.readInt();
            int nb = in.readInt();
            float[][][] g = {new float[t][nf], new float[t][nb], new float[t][nb]};
            for (int k = 0; k < 3; k++) {
                for (float[] row : g[k]) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = in.readFloat();
                    }
                }
            }
            return g;
        }
    }

    private static double worst(Model model, float[][][] g) {
        ModelState s = model.newState();
        int nb = model.bands();
        float[] go = new float[nb];
        float[] ro = new float[nb];
        double worst = 0;
        for (int step = 0; step < g[0].length; step++) {
            s.infer(g[0][step], go, ro);
            int frame = step - model.lookahead();
            if (frame >= 0) {
                for (int b = 0; b < nb; b++) {
                    worst = Math.max(worst, Math.abs(go[b] - g[1][frame][b]));
                    worst = Math.max(worst, Math.abs(ro[b] - g[2][frame][b]));
                }
            }
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void runtimeReproducesTheTrainersForwardPass(int lookahead) throws IOException {
        float[][][] g = golden(lookahead);
        EngineModels models = EngineModels.defaults(Precision.FLOAT32);
        assertEquals(2, models.nativeLookahead());
        Model m = models.model(lookahead);
        assertEquals(lookahead, m.lookahead());
        double w = worst(m, g);
        assertTrue(w < 1e-4, "float32 runtime vs DJL at look-ahead " + lookahead + ": " + w);
        double q = worst(EngineModels.defaults(Precision.INT8).model(lookahead), g);
        System.out.printf("default model vs DJL at look-ahead %d: float32 worst %.2e, int8 worst %.3f%n", lookahead, w, q);
        assertTrue(q < 0.05, "int8 runtime vs DJL at look-ahead " + lookahead + ": " + q);
    }
}
