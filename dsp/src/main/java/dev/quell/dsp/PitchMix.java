package dev.quell.dsp;

/**
 * Pitch-filter mixing with per-band strengths and band energy normalisation (ALGORITHM.md step 8).
 *
 * <p>Quell's order (documented choice; ALGORITHM.md marks the order as uncertain):
 * <ol>
 *   <li>P is scaled per band by sqrt(E_X,b / E_P,b) so the comb output carries the same band
 *       energy as the input (as RNNoise does before adding it);</li>
 *   <li>Z(k) = (1 - r(k)) X(k) + r(k) P(k), with r(k) interpolated from r_b by the band
 *       triangles;</li>
 *   <li>the caller receives norm_b = sqrt(E_X,b / E_Z,b), which restores each band's energy to
 *       that of X; it is folded into the band gain, so the gain g_b then sets the output band
 *       energy to g_b^2 E_X,b whatever r_b is.</li>
 * </ol>
 * Allocation-free; owns scratch arrays, one instance per stream.
 */
public final class PitchMix {
    private final ErbBands bands;
    private final float[] bandScale = new float[FrameFormat.BANDS];
    private final float[] binScale = new float[FrameFormat.BINS];
    private final float[] binStrength = new float[FrameFormat.BINS];
    private final float[] energyZ = new float[FrameFormat.BANDS];

    /** @param bands the band layout */
    public PitchMix(ErbBands bands) {
        this.bands = bands;
    }

    /**
     * Mixes P into X in place and returns the band normalisation.
     *
     * @param xr real parts of X, replaced by Z (481 bins)
     * @param xi imaginary parts of X, replaced by Z
     * @param pr real parts of the comb output P (read only)
     * @param pi imaginary parts of P
     * @param energyX band energies of X (34)
     * @param energyP band energies of P (34)
     * @param strength r_b per band, in [0, 1] (34)
     * @param norm output: norm_b = sqrt(E_X,b / E_Z,b) (34), 1 where a band is silent
     */
    public void mix(float[] xr, float[] xi, float[] pr, float[] pi,
                    float[] energyX, float[] energyP, float[] strength, float[] norm) {
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            bandScale[b] = energyP[b] > Coherence.SILENCE
                    ? (float) Math.sqrt(energyX[b] / energyP[b]) : 0f;
        }
        bands.interpolate(bandScale, binScale);
        bands.interpolate(strength, binStrength);
        for (int k = 0; k < FrameFormat.BINS; k++) {
            float r = binStrength[k];
            float s = binScale[k] * r;
            xr[k] = (1 - r) * xr[k] + s * pr[k];
            xi[k] = (1 - r) * xi[k] + s * pi[k];
        }
        bands.energy(xr, xi, energyZ);
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            norm[b] = energyZ[b] > Coherence.SILENCE
                    ? (float) Math.sqrt(energyX[b] / energyZ[b]) : 1f;
        }
    }
}
