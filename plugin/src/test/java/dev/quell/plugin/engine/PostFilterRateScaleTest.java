package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share of the post-filter parameter the engine applies at each host rate. */
class PostFilterRateScaleTest {
    @TempDir
    Path dir;

    @Test
    void withLookAheadHalfAtEightKilohertzThreeQuartersAtSixteenOneAndAHalfAtFortyEightLinearBetween() {
        assertEquals(0.5f, PostFilterRateScale.of(8000, 2), 0f);
        assertEquals(0.5f, PostFilterRateScale.of(4000, 2), 0f);
        assertEquals(0.625f, PostFilterRateScale.of(12000, 2), 1e-6f);
        assertEquals(0.75f, PostFilterRateScale.of(16000, 2), 0f);
        assertEquals(1.125f, PostFilterRateScale.of(32000, 2), 1e-6f);
        assertEquals(1.40859375f, PostFilterRateScale.of(44100, 2), 1e-6f);
        assertEquals(1.5f, PostFilterRateScale.of(48000, 2), 0f);
        assertEquals(1.5f, PostFilterRateScale.of(192000, 2), 0f);
        float previous = 0f;
        for (int rate = 8000; rate <= 48000; rate += 25) {
            float s = PostFilterRateScale.of(rate, 2);
            assertTrue(s >= previous, rate + " Hz: " + s + " after " + previous);
            assertTrue(s <= dev.quell.dsp.PostFilter.MAX_STRENGTH, rate + " Hz: " + s);
            previous = s;
        }
    }

    @Test
    void withoutLookAheadTheFactorIsAtMostOne() {
        assertEquals(1.5f, PostFilterRateScale.of(48000, 1), 0f);
        assertEquals(1f, PostFilterRateScale.of(48000, 0), 0f);
        assertEquals(1f, PostFilterRateScale.of(96000, 0), 0f);
        assertEquals(1f, PostFilterRateScale.of(32000, -1), 0f);
        assertEquals(1f, PostFilterRateScale.of(32000, 0), 0f);
        assertEquals(0.75f, PostFilterRateScale.of(16000, 0), 0f);
        assertEquals(0.625f, PostFilterRateScale.of(12000, 0), 1e-6f);
        assertEquals(0.5f, PostFilterRateScale.of(8000, 0), 0f);
    }

    @Test
    void theEngineFollowsALookAheadChange() throws IOException {
        QuellEngine e = new QuellEngine(TestModels.unity(dir));
        e.prepare(48000, 256, 1);
        float[][] in = {TestModels.speechLike(3, 256, 48000)};
        float[][] out = new float[1][256];
        float[] expected = {1f, 1.5f, 1.5f, 1f};
        double[] lookaheadMs = {0, 10, 20, 0};
        for (int k = 0; k < expected.length; k++) {
            e.setParameter(Parameter.LOOKAHEAD, lookaheadMs[k]);
            for (int pos = 0; pos < 48000; pos += 256) {
                e.process(in, out, 256);
            }
            assertEquals(expected[k], e.appliedPostFilter(), 1e-3f, lookaheadMs[k] + " ms");
        }
    }

    @Test
    void theEngineAppliesTheScaledParameterAtItsHostRate() throws IOException {
        EngineModels unity = TestModels.unity(dir);
        int[][] cases = {{8000, 100}, {11025, 100}, {16000, 100}, {48000, 100}, {8000, 40}, {44100, 40}};
        for (int[] c : cases) {
            QuellEngine e = new QuellEngine(unity);
            e.prepare(c[0], 256, 1);
            e.setParameter(Parameter.POST_FILTER, c[1]);
            float[][] in = {TestModels.speechLike(3, 256, c[0])};
            float[][] out = new float[1][256];
            for (int pos = 0; pos < c[0]; pos += 256) {
                e.process(in, out, 256);
            }
            float expected = c[1] / 100f * PostFilterRateScale.of(c[0], 2); // default look-ahead, 20 ms
            assertEquals(expected, e.appliedPostFilter(), 1e-3f, c[0] + " Hz, " + c[1] + " %");
        }
    }
}
