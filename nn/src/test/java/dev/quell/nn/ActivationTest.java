package dev.quell.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivationTest {
    /** float tanh through StrictMath, the reference the fast version must match. */
    private static float reference(float x) {
        return (float) StrictMath.tanh(x);
    }

    @Test
    void tanhMatchesStrictMathWithinOneUlpAndAlmostAlwaysExactly() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 2_000_000;
        int differ = 0;
        for (int i = 0; i < n; i++) {
            // magnitudes from 1e-8 to 30, both signs: every branch and both branch boundaries
            float x = (float) (Math.pow(10, rng.nextDouble(-8, Math.log10(30))) * (rng.nextBoolean() ? 1 : -1));
            float fast = Activation.tanh(x);
            float ref = reference(x);
            if (fast != ref) {
                differ++;
                assertTrue(Math.abs(fast - ref) <= Math.ulp(ref), "tanh(" + x + ") = " + fast + ", StrictMath " + ref);
            }
        }
        assertTrue(differ <= n / 100_000, differ + " of " + n + " results differ from StrictMath by 1 ulp");
    }

    @Test
    void tanhKeepsSpecialValuesAndBranchEdges() {
        float[] xs = {0f, -0f, 1e-3f, Math.nextDown(1e-3f), Math.nextUp(1e-3f), 20f, Math.nextUp(20f),
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0.5f, -3f};
        for (float x : xs) {
            assertEquals(reference(x), Activation.tanh(x), Math.ulp(reference(x)), "tanh(" + x + ")");
        }
        assertEquals(1f, Activation.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Activation.tanh(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Activation.tanh(Float.NaN)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Activation.tanh(-0f)), "sign of zero");
    }
}
