package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OracleTargetsTest {
    private static final int B = FrameFormat.BANDS;

    private static float[] fill(float v) {
        float[] a = new float[B];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void gainIsTheAmplitudeRatioClippedToOne() {
        float[] g = new float[B];
        float[] r = new float[B];
        float[] m = new float[B];
        OracleTargets.compute(fill(0.25f), fill(1f), fill(0f), fill(0f), 0.25f,
                Double.POSITIVE_INFINITY, true, g, r, m);
        assertEquals(0.5f, g[3], 1e-6);
        assertEquals(0f, r[3], 0);
        assertEquals(1f, m[3], 0);
        OracleTargets.compute(fill(2f), fill(1f), fill(0f), fill(0f), 0.25f,
                Double.POSITIVE_INFINITY, true, g, r, m);
        assertEquals(1f, g[3], 0);
    }

    @Test
    void strengthMakesTheMixAsPeriodicAsTheCleanBand() {
        float[] g = new float[B];
        float[] r = new float[B];
        float[] m = new float[B];
        float qx = 0.8f;
        float qy = 0.6f;
        float sigma2 = 0.25f;
        OracleTargets.compute(fill(0.5f), fill(1f), fill(qx), fill(qy), sigma2,
                Double.POSITIVE_INFINITY, true, g, r, m);
        double qp = qy / Math.sqrt((1 - sigma2) * qy * qy + sigma2);
        assertTrue(qp > qx);
        // Model: y = s + n with coherence q_y; p = comb(y) with coherence q_p with y's periodic
        // part. z = (1 - r) y + r p: check the formula's fixed point numerically.
        double alpha = r[0] / (1 - r[0]);
        double a = qp * qp - qx * qx;
        double bb = qp * qy * (1 - qx * qx);
        double c = qx * qx - qy * qy;
        assertEquals(0, a * alpha * alpha + 2 * bb * alpha - c, 1e-4);
        assertTrue(r[0] > 0 && r[0] < 1);
    }

    @Test
    void unreachablePeriodicityGivesFullStrengthAndAReducedGain() {
        float[] g = new float[B];
        float[] r = new float[B];
        float[] m = new float[B];
        OracleTargets.compute(fill(0.25f), fill(1f), fill(0.99f), fill(0.2f), 0.25f,
                Double.POSITIVE_INFINITY, true, g, r, m);
        assertEquals(1f, r[0], 0);
        double qp = 0.2 / Math.sqrt(0.75 * 0.04 + 0.25);
        double expected = 0.5 * Math.sqrt((1.03 - 0.99 * 0.99) / (1.03 - qp * qp));
        assertEquals(expected, g[0], 1e-5);
        OracleTargets.compute(fill(0.25f), fill(1f), fill(0.99f), fill(0.2f), 0.25f,
                Double.POSITIVE_INFINITY, false, g, r, m);
        assertEquals(0.5f, g[0], 1e-6);
    }

    @Test
    void silentAndOutOfBandBandsAreMasked() {
        float[] g = new float[B];
        float[] r = new float[B];
        float[] m = new float[B];
        float[] ex = fill(1f);
        float[] ey = fill(1f);
        ex[5] = 0;
        ey[5] = 0;
        OracleTargets.compute(ex, ey, fill(0f), fill(0f), 0.25f, 8000, true, g, r, m);
        assertEquals(0f, m[5], 0);
        for (int b = 0; b < B; b++) {
            if (b != 5) {
                assertEquals(ErbBands.nodeHz(Math.max(0, b - 1)) >= 8000 ? 0f : 1f, m[b], 0, "band " + b);
            }
        }
    }
}
