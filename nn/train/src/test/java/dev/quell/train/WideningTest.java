package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The index mapping of {@link Widening} on small tensors (the smoke test checks whole networks). */
class WideningTest {
    private static final Path FILE = Path.of("ckpt.params");

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    @Test
    void gruRecurrentWeightsKeepEachGateBlockAndCutNewUnitsOffFromOldOnes() throws IOException {
        int h = 2;
        int w = 3;
        float[] old = ramp(3 * h * h);
        float[] out = new Widening(h, w, 1).apply("05gru2_l_0_h2h_WEIGHT", old, new Shape(3 * h, h), new Shape(3 * w, w), FILE);
        assertEquals(3 * w * w, out.length);
        for (int gate = 0; gate < 3; gate++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    float v = out[(gate * w + i) * w + j];
                    if (i < h && j < h) {
                        assertEquals(old[(gate * h + i) * h + j], v, "gate " + gate + " old unit " + i + " from " + j);
                    } else if (i < h) {
                        assertEquals(0f, v, "an old unit must not see a new unit");
                    } else {
                        assertTrue(Math.abs(v) <= 1 / Math.sqrt(w) && v != 0f, "new unit weight " + v);
                    }
                }
            }
        }
    }

    @Test
    void gruBiasesOfNewUnitsAreZero() throws IOException {
        float[] out = new Widening(2, 3, 1).apply("04gru1_l_0_i2h_BIAS", ramp(6), new Shape(6), new Shape(9), FILE);
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0, 5, 6, 0}, out);
    }

    @Test
    void gainHeadMovesTheOldSecondGruColumnsPastTheNewFirstGruUnits() throws IOException {
        assertHeadWidened("07gains_weight", 34);
    }

    @Test
    void snrHeadIsWidenedAsTheGainHead() throws IOException {
        assertHeadWidened("09snr_weight", 1);
    }

    /** A dense head on [conv2, gru1, gru2] with the given rows, widened from H = 2 to 4. */
    private static void assertHeadWidened(String key, int rows) throws IOException {
        int conv = QuellNet.CONV;
        int h = 2;
        int w = 4;
        int oldCols = conv + 2 * h;
        int newCols = conv + 2 * w;
        float[] old = ramp(rows * oldCols);
        float[] out = new Widening(h, w, 1).apply(key, old, new Shape(rows, oldCols), new Shape(rows, newCols), FILE);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < conv + h; j++) { // conv2 and the old gru1 units stay in place
                assertEquals(old[r * oldCols + j], out[r * newCols + j]);
            }
            for (int j = 0; j < h; j++) {
                assertEquals(old[r * oldCols + conv + h + j], out[r * newCols + conv + w + j], "old gru2 unit " + j);
                assertEquals(0f, out[r * newCols + conv + h + j], "new gru1 unit " + j);
                assertEquals(0f, out[r * newCols + conv + w + h + j], "new gru2 unit " + j);
            }
        }
    }

    @Test
    void inputLayerGetsZeroWeightsForNewFeatures() throws IOException {
        float[] out = new Widening(256, 256, 1).apply("01input_weight", ramp(4), new Shape(2, 2), new Shape(2, 3), FILE);
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0}, out);
    }

    @Test
    void equalShapesPassUnchangedAndTheSameSeedGivesTheSameNewUnits() throws IOException {
        float[] v = ramp(6);
        assertSame(v, new Widening(2, 3, 1).apply("03conv2_weight", v, new Shape(2, 3), new Shape(2, 3), FILE));
        float[] a = new Widening(2, 3, 7).apply("04gru1_l_0_i2h_WEIGHT", ramp(12), new Shape(6, 2), new Shape(9, 2), FILE);
        float[] b = new Widening(2, 3, 7).apply("04gru1_l_0_i2h_WEIGHT", ramp(12), new Shape(6, 2), new Shape(9, 2), FILE);
        float[] c = new Widening(2, 3, 8).apply("04gru1_l_0_i2h_WEIGHT", ramp(12), new Shape(6, 2), new Shape(9, 2), FILE);
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }

    @Test
    void shapesThatCannotBeMappedAreRejectedNamingFileAndParameter() {
        IOException e = assertThrows(IOException.class, () -> new Widening(2, 3, 1)
                .apply("08strengths_weight", ramp(4), new Shape(2, 2), new Shape(3, 2), FILE));
        assertTrue(e.getMessage().contains("ckpt.params") && e.getMessage().contains("08strengths_weight"), e.getMessage());
        assertThrows(IOException.class, () -> new Widening(2, 3, 1)
                .apply("04gru1_l_0_h2h_WEIGHT", ramp(12), new Shape(6, 2), new Shape(12, 4), FILE));
        assertThrows(IllegalArgumentException.class, () -> new Widening(384, 256, 1));
    }
}
