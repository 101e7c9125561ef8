package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErbBandsTest {
    private final ErbBands bands = ErbBands.DEFAULT;

    @Test
    void thirtyFourNodesFromZeroToTwentyKilohertzAtLeastTwoBinsApart() {
        assertEquals(0.0, ErbBands.nodeHz(0), 1e-9);
        assertEquals(20_000.0, ErbBands.nodeHz(FrameFormat.BANDS - 1), 1e-6);
        for (int b = 1; b < FrameFormat.BANDS; b++) {
            double gap = ErbBands.nodeHz(b) - ErbBands.nodeHz(b - 1);
            assertTrue(gap >= 2 * FrameFormat.BIN_HZ - 1e-9, "band " + b + " gap " + gap);
            if (b > 1) {
                assertTrue(gap >= ErbBands.nodeHz(b - 1) - ErbBands.nodeHz(b - 2) - 1e-9, "spacing must not shrink");
            }
        }
    }

    @Test
    void trianglesSumToOneAtEveryBinBelowTwentyKilohertz() {
        for (int k = 0; k < FrameFormat.BINS; k++) {
            double s = 0;
            int nonZero = 0;
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                s += bands.weight(b, k);
                nonZero += bands.weight(b, k) > 0 ? 1 : 0;
            }
            assertEquals(1.0, s, 1e-6, "bin " + k);
            assertTrue(nonZero <= 2);
        }
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            int peak = (int) Math.round(ErbBands.nodeHz(b) / FrameFormat.BIN_HZ);
            if (Math.abs(peak * FrameFormat.BIN_HZ - ErbBands.nodeHz(b)) < 1e-6) {
                assertEquals(1.0, bands.weight(b, peak), 1e-6);
            }
        }
    }

    @Test
    void bandSumsEqualTheBinByBinDefinitionExactly() {
        float[] xr = TestSignals.whiteNoise(FrameFormat.BINS, 1, 15);
        float[] xi = TestSignals.whiteNoise(FrameFormat.BINS, 1, 16);
        float[] pr = TestSignals.whiteNoise(FrameFormat.BINS, 1, 17);
        float[] pi = TestSignals.whiteNoise(FrameFormat.BINS, 1, 18);
        float[] energy = new float[FrameFormat.BANDS];
        float[] corr = new float[FrameFormat.BANDS];
        bands.energy(xr, xi, energy);
        bands.crossCorrelation(xr, xi, pr, pi, corr);
        // bin by bin, each band's terms added in increasing bin order (the order the sums keep)
        float[] wantEnergy = new float[FrameFormat.BANDS];
        float[] wantCorr = new float[FrameFormat.BANDS];
        for (int k = 0; k < FrameFormat.BINS; k++) {
            float e = xr[k] * xr[k] + xi[k] * xi[k];
            float c = xr[k] * pr[k] + xi[k] * pi[k];
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                float w = bands.weight(b, k);
                if (w != 0f) {
                    wantEnergy[b] += w * e;
                    wantCorr[b] += w * c;
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(wantEnergy, energy, 0f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(wantCorr, corr, 0f);
    }

    @Test
    void interpolationIsTheTransposeOfBandEnergy() {
        float[] re = TestSignals.whiteNoise(FrameFormat.BINS, 1, 5);
        float[] im = TestSignals.whiteNoise(FrameFormat.BINS, 1, 6);
        float[] g = TestSignals.whiteNoise(FrameFormat.BANDS, 1, 8);
        float[] e = new float[FrameFormat.BANDS];
        float[] gk = new float[FrameFormat.BINS];
        bands.energy(re, im, e);
        bands.interpolate(g, gk);
        double lhs = 0;
        double rhs = 0;
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            lhs += g[b] * (double) e[b];
        }
        for (int k = 0; k < FrameFormat.BINS; k++) {
            rhs += gk[k] * (double) (re[k] * re[k] + im[k] * im[k]);
        }
        assertEquals(lhs, rhs, 1e-3 * Math.abs(lhs) + 1e-3);
    }

    @Test
    void constantBandGainsGiveConstantBinGains() {
        float[] g = new float[FrameFormat.BANDS];
        java.util.Arrays.fill(g, 0.37f);
        float[] gk = new float[FrameFormat.BINS];
        bands.interpolate(g, gk);
        for (float v : gk) {
            assertEquals(0.37f, v, 1e-6);
        }
    }
}
