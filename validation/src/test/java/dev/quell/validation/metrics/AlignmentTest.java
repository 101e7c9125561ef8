package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignmentTest {
    private static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void aDelayedScaledCopyIsFoundAtItsLagWithNothingLeft() {
        float[] x = noise(1, 20_000);
        for (int lag : new int[] {-37, 0, 1919}) {
            float[] r = new float[x.length];
            for (int n = 0; n < r.length; n++) {
                int k = n - lag;
                r[n] = k >= 0 && k < x.length ? 0.7f * x[k] : 0f;
            }
            Alignment a = Alignment.of(x, r, 2000);
            assertEquals(lag, a.lag());
            assertEquals(0.7, a.gain(), 1e-4);
            assertTrue(a.residualDb() < -60, "residual " + a.residualDb());
            assertTrue(lag == 0 || a.residualAtZeroDb() > -1, "at lag 0: " + a.residualAtZeroDb());
        }
    }

    @Test
    void aCopyWithNoiseAddedLeavesTheNoise() {
        float[] x = noise(2, 20_000);
        float[] e = noise(3, 20_000);
        float[] r = new float[x.length];
        for (int n = 0; n < r.length; n++) {
            r[n] = x[n] + 0.1f * e[n]; // residual energy 0.01 of x's: -20 dB of r's
        }
        Alignment a = Alignment.of(x, r, 100);
        assertEquals(0, a.lag());
        assertEquals(-20.0, a.residualDb(), 0.3);
        assertThrows(IllegalArgumentException.class, () -> Alignment.of(x, r, -1));
    }
}
