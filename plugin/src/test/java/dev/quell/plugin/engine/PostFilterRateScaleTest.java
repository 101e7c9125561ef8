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
    void halfAtEightKilohertzAsSetAtSixteenOneAndAHalfAtFortyEightLinearBetween() {
        assertEquals(0.5f, PostFilterRateScale.of(8000), 0f);
        assertEquals(0.5f, PostFilterRateScale.of(4000), 0f);
        assertEquals(0.75f, PostFilterRateScale.of(12000), 1e-6f);
        assertEquals(1f, PostFilterRateScale.of(16000), 0f);
        assertEquals(1.25f, PostFilterRateScale.of(32000), 1e-6f);
        assertEquals(1.5f, PostFilterRateScale.of(48000), 0f);
        assertEquals(1.5f, PostFilterRateScale.of(192000), 0f);
        float previous = 0f;
        for (int rate = 8000; rate <= 48000; rate += 25) {
            float s = PostFilterRateScale.of(rate);
            assertTrue(s >= previous, rate + " Hz: " + s + " after " + previous);
            assertTrue(s <= dev.quell.dsp.PostFilter.MAX_STRENGTH, rate + " Hz: " + s);
            previous = s;
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
            float expected = c[1] / 100f * PostFilterRateScale.of(c[0]);
            assertEquals(expected, e.appliedPostFilter(), 1e-3f, c[0] + " Hz, " + c[1] + " %");
        }
    }
}
