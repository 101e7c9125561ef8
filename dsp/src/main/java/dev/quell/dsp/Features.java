package dev.quell.dsp;

/**
 * The 70 per-frame input features of the network (ALGORITHM.md step 6), computed on the newest
 * (look-ahead) frame so that they do not depend on the look-ahead setting.
 *
 * <p>Layout and scaling (Quell's choice; the network's model file carries a further
 * mean/standard-deviation normalisation learnt from training data):
 * <table>
 *   <caption>feature vector</caption>
 *   <tr><th>index</th><th>value</th><th>range</th></tr>
 *   <tr><td>0..33</td><td>log10(E_b + 1e-10), E_b the band energy of the newest frame
 *       (unnormalised 960-point FFT of the windowed signal, full scale 1.0)</td>
 *       <td>-10 .. about 5</td></tr>
 *   <tr><td>34..67</td><td>q_b, band coherence of the newest frame with its causal comb output
 *       (taps k = 0..M only, at the online pitch)</td><td>0..1</td></tr>
 *   <tr><td>68</td><td>log2(T / 240), the online pitch period relative to 200 Hz</td>
 *       <td>-2 .. 1.68</td></tr>
 *   <tr><td>69</td><td>normalised pitch correlation of the online candidate</td><td>0..1</td></tr>
 * </table>
 */
public final class Features {
    /** Number of features per frame. */
    public static final int COUNT = 2 * FrameFormat.BANDS + 2;
    /** Index of the first log band energy. */
    public static final int ENERGY = 0;
    /** Index of the first band coherence. */
    public static final int COHERENCE = FrameFormat.BANDS;
    /** Index of the pitch-period feature. */
    public static final int PERIOD = 2 * FrameFormat.BANDS;
    /** Index of the pitch-correlation feature. */
    public static final int CORRELATION = 2 * FrameFormat.BANDS + 1;
    /** Energy floor added before the logarithm. */
    public static final double ENERGY_FLOOR = 1e-10;

    private Features() {
    }

    /**
     * Fills a feature vector.
     *
     * @param energy band energies of the newest frame (34)
     * @param coherence band coherences q_b of the newest frame (34)
     * @param period online pitch period in samples (60..768)
     * @param correlation pitch correlation (0..1)
     * @param out output, {@link #COUNT} values
     */
    public static void compute(float[] energy, float[] coherence, int period, float correlation,
                               float[] out) {
        for (int b = 0; b < FrameFormat.BANDS; b++) {
            out[ENERGY + b] = (float) Math.log10(energy[b] + ENERGY_FLOOR);
            out[COHERENCE + b] = coherence[b];
        }
        out[PERIOD] = (float) (Math.log(period / 240.0) / Math.log(2));
        out[CORRELATION] = correlation;
    }
}
