package dev.quell.dsp;

/**
 * The 34 triangular ERB-spaced bands from 0 to 20 kHz (ALGORITHM.md step 2).
 *
 * <p>Nodes are defined in Hz. Node 0 is 0 Hz and node 33 is 20 kHz; in between, each node is
 * one fixed step further on the ERB-number scale E(f) = 21.4 log10(1 + 0.00437 f)
 * (Glasberg &amp; Moore 1990), except that nodes are never closer than 100 Hz (two 50 Hz bins).
 * The ERB step is solved for (bisection) so that exactly 34 nodes span 0..20 kHz; at low
 * frequencies the 100 Hz minimum governs, higher up the ERB step does. Band b is the triangle
 * rising from node b-1 to 1 at node b and falling to 0 at node b+1. Adjacent triangles
 * overlap by 50 % and sum to exactly 1 at every bin below 20 kHz. Bins above the last node
 * (20-24 kHz) belong wholly to the last band, so the weights sum to 1 at every bin; the gains of
 * the last band therefore also govern the top 4 kHz.
 *
 * <p>Band energy E_b = sum_k w_b(k) |X(k)|^2; the per-bin gain is the transpose,
 * g(k) = sum_b w_b(k) g_b. Immutable and thread-safe; all methods are allocation-free.
 */
public final class ErbBands {
    /** Upper edge of the band layout in Hz. */
    public static final double TOP_HZ = 20_000.0;
    /** Minimum node spacing in Hz. */
    public static final double MIN_SPACING_HZ = 100.0;

    private static final double[] NODES_HZ = solveNodes(FrameFormat.BANDS, TOP_HZ, MIN_SPACING_HZ);

    /** Shared instance for the 960-point FFT at 48 kHz. */
    public static final ErbBands DEFAULT = new ErbBands(FrameFormat.BINS, FrameFormat.BIN_HZ);

    private final int bins;
    private final int[] lowerBand;
    private final float[] upperWeight;
    /** firstBin[b] = the first bin whose lower node is b; firstBin[BANDS] = bins. */
    private final int[] firstBin = new int[FrameFormat.BANDS + 1];

    /**
     * Builds the bin-to-band weights for an FFT layout.
     *
     * @param bins number of bins (DC..Nyquist)
     * @param binHz bin spacing in Hz; bins*binHz must reach at least 20 kHz + 2 bins
     * @throws IllegalArgumentException if the layout cannot hold the bands
     */
    public ErbBands(int bins, double binHz) {
        if ((bins - 1) * binHz < TOP_HZ || MIN_SPACING_HZ < 2 * binHz - 1e-9) {
            throw Messages.bandLayoutTooCoarse(bins, binHz);
        }
        this.bins = bins;
        this.lowerBand = new int[bins];
        this.upperWeight = new float[bins];
        int last = NODES_HZ.length - 1;
        int b = 0;
        for (int k = 0; k < bins; k++) {
            double f = k * binHz;
            if (f >= NODES_HZ[last]) {
                lowerBand[k] = last;
                upperWeight[k] = 0f;
                continue;
            }
            while (f >= NODES_HZ[b + 1]) {
                b++;
            }
            lowerBand[k] = b;
            upperWeight[k] = (float) ((f - NODES_HZ[b]) / (NODES_HZ[b + 1] - NODES_HZ[b]));
        }
        for (int band = 0, k = 0; band <= FrameFormat.BANDS; band++) {
            while (k < bins && lowerBand[k] < band) {
                k++;
            }
            firstBin[band] = k;
        }
    }

    /**
     * Solves the ERB step so that {@code count} nodes span 0..top with the minimum spacing.
     */
    private static double[] solveNodes(int count, double top, double minSpacing) {
        double lo = 0;
        double hi = erb(top);
        double[] nodes = new double[count];
        for (int iter = 0; iter < 200; iter++) {
            double step = 0.5 * (lo + hi);
            placeNodes(step, minSpacing, nodes);
            if (nodes[count - 1] > top) {
                hi = step;
            } else {
                lo = step;
            }
        }
        placeNodes(0.5 * (lo + hi), minSpacing, nodes);
        nodes[count - 1] = top; // remove the bisection residue (< 1e-9 Hz)
        return nodes;
    }

    private static void placeNodes(double step, double minSpacing, double[] nodes) {
        nodes[0] = 0;
        for (int i = 1; i < nodes.length; i++) {
            nodes[i] = Math.max(nodes[i - 1] + minSpacing, erbInverse(erb(nodes[i - 1]) + step));
        }
    }

    /**
     * ERB-number (Cams) of a frequency, Glasberg &amp; Moore (1990), eq. 4.
     *
     * @param hz frequency in Hz, non-negative
     * @return ERB number
     */
    public static double erb(double hz) {
        return 21.4 * Math.log10(1 + 0.00437 * hz);
    }

    /**
     * Inverse of {@link #erb(double)}.
     *
     * @param erbNumber ERB number
     * @return frequency in Hz
     */
    public static double erbInverse(double erbNumber) {
        return (Math.pow(10, erbNumber / 21.4) - 1) / 0.00437;
    }

    /**
     * Band centre (node) frequency.
     *
     * @param band band index 0..33
     * @return frequency in Hz of the band's peak
     */
    public static double nodeHz(int band) {
        return NODES_HZ[band];
    }

    /** @return the number of bins this layout covers */
    public int bins() {
        return bins;
    }

    /**
     * Weight of a band at a bin (the triangle height).
     *
     * @param band band 0..33
     * @param bin bin 0..bins-1
     * @return w_b(k) in [0, 1]
     */
    public float weight(int band, int bin) {
        int lo = lowerBand[bin];
        if (band == lo) {
            return 1f - upperWeight[bin];
        }
        if (band == lo + 1) {
            return upperWeight[bin];
        }
        return 0f;
    }

    /**
     * Band energies E_b = sum_k w_b(k) (re^2 + im^2).
     *
     * @param re real parts, {@link #bins()} bins
     * @param im imaginary parts
     * @param energy output, 34 values (linear power)
     */
    public void energy(float[] re, float[] im, float[] energy) {
        bandSums(re, im, re, im, energy);
    }

    /**
     * Band cross-correlations C_b = Re sum_k w_b(k) X(k) P*(k).
     *
     * @param xr real parts of X
     * @param xi imaginary parts of X
     * @param pr real parts of P
     * @param pi imaginary parts of P
     * @param corr output, 34 values
     */
    public void crossCorrelation(float[] xr, float[] xi, float[] pr, float[] pi, float[] corr) {
        bandSums(xr, xi, pr, pi, corr);
    }

    /**
     * out[b] = sum_k w_b(k) (xr[k] pr[k] + xi[k] pi[k]) (an energy when P is X). Band by band in
     * a register: first the bins below node b (where band b is the upper neighbour, weight u),
     * then the bins from node b (weight 1 - u), each in increasing k, which is the order in which
     * a bin-by-bin pass would add them to out[b]; bins with u = 0 add nothing to the upper band.
     */
    private void bandSums(float[] xr, float[] xi, float[] pr, float[] pi, float[] out) {
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            float acc = 0f;
            if (b > 0) {
                for (int k = firstBin[b - 1]; k < firstBin[b]; k++) {
                    float u = upperWeight[k];
                    if (u != 0f) {
                        acc += u * (xr[k] * pr[k] + xi[k] * pi[k]);
                    }
                }
            }
            for (int k = firstBin[b]; k < firstBin[b + 1]; k++) {
                acc += (1f - upperWeight[k]) * (xr[k] * pr[k] + xi[k] * pi[k]);
            }
            out[b] = acc;
        }
    }

    /**
     * Interpolates band values to bins: out(k) = sum_b w_b(k) v_b (the transpose of
     * {@link #energy}).
     *
     * @param bandValues 34 values
     * @param binValues output, {@link #bins()} values
     */
    public void interpolate(float[] bandValues, float[] binValues) {
        for (int k = 0; k < bins; k++) {
            int lo = lowerBand[k];
            float u = upperWeight[k];
            float v = (1f - u) * bandValues[lo];
            if (u != 0f) {
                v += u * bandValues[lo + 1];
            }
            binValues[k] = v;
        }
    }
}
