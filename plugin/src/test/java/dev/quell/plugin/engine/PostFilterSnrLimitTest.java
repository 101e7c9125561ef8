package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The post-filter strength applied at an estimated SNR. */
class PostFilterSnrLimitTest {
    @Test
    void theSharperWarpIsLimitedToOneAtMinusSixDecibelsAndBelowAndWholeFromMinusOneLinearBetween() {
        assertEquals(1f, PostFilterSnrLimit.apply(1.5f, -6f), 0f);
        assertEquals(1f, PostFilterSnrLimit.apply(1.5f, -40f), 0f);
        assertEquals(1f, PostFilterSnrLimit.apply(2f, Float.NEGATIVE_INFINITY), 0f);
        assertEquals(1.25f, PostFilterSnrLimit.apply(1.5f, -3.5f), 1e-6f);
        assertEquals(1.5f, PostFilterSnrLimit.apply(1.5f, -1f), 0f);
        assertEquals(1.5f, PostFilterSnrLimit.apply(1.5f, 30f), 0f);
        assertEquals(1.5f, PostFilterSnrLimit.apply(1.5f, Float.POSITIVE_INFINITY), 0f);
        assertEquals(1.5f, PostFilterSnrLimit.apply(1.5f, Float.NaN), 0f);
        float previous = 0f;
        for (float snr = -20f; snr <= 20f; snr += 0.05f) {
            float s = PostFilterSnrLimit.apply(1.41f, snr);
            assertTrue(s >= previous && s >= 1f && s <= 1.41f, snr + " dB: " + s + " after " + previous);
            previous = s;
        }
    }

    @Test
    void aStrengthOfOneOrLessIsNeverChanged() {
        for (float s : new float[] {0f, 0.25f, 0.5f, 0.75f, 1f}) {
            for (float snr : new float[] {Float.NEGATIVE_INFINITY, -30f, -6f, -3f, -1f, 10f, Float.NaN}) {
                assertEquals(s, PostFilterSnrLimit.apply(s, snr), 0f, s + " at " + snr + " dB");
            }
        }
    }
}
