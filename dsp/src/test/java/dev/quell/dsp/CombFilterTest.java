package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CombFilterTest {
    private static double attenuationDb(int m, int period, int future) {
        CombFilter comb = new CombFilter(m);
        comb.configure(period, future);
        int n = 48_000;
        float[] x = TestSignals.whiteNoise(n + 2 * m * 768, 1, 42);
        float[] y = new float[n];
        comb.filter(x, m * 768, y, n);
        double ex = 0;
        double ey = 0;
        for (int i = 0; i < n; i++) {
            ex += x[m * 768 + i] * (double) x[m * 768 + i];
            ey += y[i] * (double) y[i];
        }
        return 10 * Math.log10(ey / ex);
    }

    @Test
    void whiteNoiseAttenuationMatchesSumOfSquaredTaps() {
        assertEquals(-6.02, attenuationDb(2, 200, 10_000), 0.15);
        assertEquals(-7.27, attenuationDb(3, 200, 10_000), 0.15);
        assertEquals(-8.99, attenuationDb(5, 150, 10_000), 0.15);
        CombFilter comb = new CombFilter(2);
        comb.configure(200, 10_000);
        assertEquals(0.25, comb.sigma2(), 1e-6);
    }

    @Test
    void unavailableFutureTapsAreDroppedAndTheRestRenormalised() {
        CombFilter comb = new CombFilter(2);
        comb.configure(300, 480); // k=-1 fits (300 <= 480), k=-2 does not (600 > 480)
        assertEquals(4, comb.tapCount());
        comb.configure(300, 0); // causal: k = 0, 1, 2
        assertEquals(3, comb.tapCount());
        double sum = 0;
        for (int i = 0; i < comb.tapCount(); i++) {
            sum += comb.tap(i);
        }
        assertEquals(1.0, sum, 1e-6);
        assertTrue(comb.sigma2() > 0.25);
    }

    @Test
    void periodicSignalPassesUnchanged() {
        int period = 240;
        int n = 9600;
        float[] x = new float[n + 4 * 768];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sin(2 * Math.PI * i / period) + 0.5 * Math.sin(6 * Math.PI * i / period + 1));
        }
        CombFilter comb = new CombFilter(2);
        comb.configure(period, 960);
        float[] y = new float[n];
        comb.filter(x, 2 * 768, y, n);
        for (int i = 0; i < n; i++) {
            assertEquals(x[2 * 768 + i], y[i], 1e-4);
        }
    }
}
