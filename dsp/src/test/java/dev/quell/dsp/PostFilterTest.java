package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostFilterTest {
    @Test
    void zeroStrengthLeavesGainsAlone() {
        float[] g = new float[FrameFormat.BANDS];
        float[] e = new float[FrameFormat.BANDS];
        for (int b = 0; b < g.length; b++) {
            g[b] = b / 40f;
            e[b] = 1 + b;
        }
        float[] copy = g.clone();
        PostFilter.apply(g, e, 0f);
        assertArrayEquals(copy, g);
    }

    /** Gains alternating 1 and 0.3 over bands of equal energy. */
    private static float[] alternatingGains() {
        float[] g = new float[FrameFormat.BANDS];
        for (int b = 0; b < g.length; b++) {
            g[b] = b % 2 == 0 ? 1f : 0.3f;
        }
        return g;
    }

    private static float[] unitEnergy() {
        float[] e = new float[FrameFormat.BANDS];
        java.util.Arrays.fill(e, 1f);
        return e;
    }

    /** The published warp g sin(pi g / 2)^power with the loudness compensation (beta 0.02), unit band energies. */
    private static void assertWarped(float[] g, double power, float[] out) {
        double e0 = 0;
        double e1 = 0;
        for (int b = 0; b < g.length; b++) {
            double gw = g[b] * Math.pow(Math.sin(Math.PI / 2 * g[b]), power);
            e0 += g[b] * g[b];
            e1 += gw * gw;
        }
        double ratio = e0 / e1;
        double comp = Math.sqrt(1.02 * ratio / (1 + 0.02 * ratio * ratio));
        for (int b = 0; b < g.length; b++) {
            assertEquals(comp * g[b] * Math.pow(Math.sin(Math.PI / 2 * g[b]), power), out[b], 1e-5);
        }
    }

    @Test
    void fullStrengthWarpsAndCompensatesAsPublished() {
        float[] g = alternatingGains();
        float[] out = g.clone();
        PostFilter.apply(out, unitEnergy(), 1f);
        assertWarped(g, 1, out);
        // noisy bands (low gain) go down relative to clean ones
        assertTrue(out[1] / out[0] < g[1] / g[0]);
    }

    @Test
    void globalBoostNeverExceedsFivePointSixDecibels() {
        float[] e = new float[FrameFormat.BANDS];
        java.util.Arrays.fill(e, 1f);
        for (float level = 0.01f; level <= 1f; level += 0.01f) {
            float[] g = new float[FrameFormat.BANDS];
            java.util.Arrays.fill(g, level);
            PostFilter.apply(g, e, 1f);
            double boost = g[0] / (level * Math.sin(Math.PI / 2 * level));
            assertTrue(20 * Math.log10(boost) <= 5.58, "boost " + boost + " at " + level);
        }
    }

    @Test
    void strengthAboveOneRaisesTheSineToThatPower() {
        float[] g = alternatingGains();
        float[] e = unitEnergy();
        float[] full = g.clone();
        PostFilter.apply(full, e, 1f);
        float[] sharp = g.clone();
        PostFilter.apply(sharp, e, 1.5f);
        assertWarped(g, 1.5, sharp);
        // the weak band is pushed further down against the strong one than at strength 1
        assertTrue(sharp[1] / sharp[0] < full[1] / full[0]);
        // continuous at 1, and clamped at the maximum strength
        float[] justAbove = g.clone();
        PostFilter.apply(justAbove, e, 1.0001f);
        assertArrayEquals(full, justAbove, 1e-4f);
        float[] max = g.clone();
        PostFilter.apply(max, e, PostFilter.MAX_STRENGTH);
        float[] beyond = g.clone();
        PostFilter.apply(beyond, e, 10f);
        assertArrayEquals(max, beyond);
    }
}
