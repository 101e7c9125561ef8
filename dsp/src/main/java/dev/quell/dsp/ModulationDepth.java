package dev.quell.dsp;

/**
 * Per-band syllabic modulation depth for the network's modulation input: for each of the 34
 * bands, how strongly its log band energy has fluctuated at syllable rates (about 2.5–10 Hz) over
 * the last few hundred milliseconds.
 *
 * <p>Speech is a sequence of syllables, so its band envelopes are modulated at 3–8 Hz with peaks
 * near 4 Hz (T. Houtgast and H. J. M. Steeneken, "A review of the MTF concept in room acoustics
 * and its use for estimating speech intelligibility in auditoria", JASA 77(3), 1985; the
 * modulation spectrum of running speech). Held musical notes, hum and most steady noises change
 * far more slowly; the network's other inputs describe one frame (and, with {@link NoiseFloor}, a
 * two-second minimum), and cannot tell a sustained harmonic note from a voiced syllable by
 * themselves.
 *
 * <p>Per band b and frame t, with f_b = log10(E_b + 1e-10) (feature b of {@link Features}):
 * <ol>
 *   <li>x = max(f_b, {@value #ENERGY_FLOOR}), so that the bands of digital silence and of the
 *       stop band of band-limited material do not dominate;</li>
 *   <li>y = a second-order band-pass of x at the frame rate of 100 Hz, centre
 *       {@value #CENTRE_HZ} Hz, Q {@value #Q} (the constant-peak-gain band-pass of R. Bristow-Johnson's
 *       "Cookbook formulae for audio EQ biquad filter coefficients"), with no gain at 0 Hz;</li>
 *   <li>P ← P + c·(y² − P), c = 1 − exp(−1 / (100 · {@value #SMOOTHING_SECONDS})): the mean
 *       modulation power over about {@value #SMOOTHING_SECONDS} s;</li>
 *   <li>output m_b = √(2P), the amplitude of the syllabic modulation of the band's log energy in
 *       log10 units (0.5 = a ±5 dB swing; steady sounds give values near 0, running speech
 *       usually 0.3–1).</li>
 * </ol>
 * The filter starts as if the first frame had lasted forever, so the first frame gives 0 in
 * every band.
 *
 * <p>Allocation-free after construction; not thread-safe (one instance per stream).
 */
public final class ModulationDepth {
    /** Values produced per frame (one per band). */
    public static final int COUNT = FrameFormat.BANDS;
    /** Lowest log10 band energy taken into account. */
    public static final float ENERGY_FLOOR = -5f;
    /** Centre frequency of the modulation band-pass in Hz. */
    public static final double CENTRE_HZ = 5.0;
    /** Quality factor of the band-pass (−3 dB points near 2.8 and 9 Hz). */
    public static final double Q = 0.7;
    /** Time constant of the power smoothing in seconds. */
    public static final double SMOOTHING_SECONDS = 0.3;
    /** Frame rate of the features in Hz. */
    private static final double FRAME_RATE = 100.0;

    private static final float B0;
    private static final float A1;
    private static final float A2;
    private static final float SMOOTHING;

    static {
        double w0 = 2 * Math.PI * CENTRE_HZ / FRAME_RATE;
        double alpha = Math.sin(w0) / (2 * Q);
        double a0 = 1 + alpha;
        B0 = (float) (alpha / a0); // b1 = 0, b2 = -b0
        A1 = (float) (-2 * Math.cos(w0) / a0);
        A2 = (float) ((1 - alpha) / a0);
        SMOOTHING = (float) (1 - Math.exp(-1 / (FRAME_RATE * SMOOTHING_SECONDS)));
    }

    private final float[] x1 = new float[COUNT];
    private final float[] x2 = new float[COUNT];
    private final float[] y1 = new float[COUNT];
    private final float[] y2 = new float[COUNT];
    private final float[] power = new float[COUNT];
    private boolean started;

    /** A tracker with no history. */
    public ModulationDepth() {
        reset();
    }

    /** Forgets all history; the next frame is treated as the first. */
    public void reset() {
        java.util.Arrays.fill(y1, 0f);
        java.util.Arrays.fill(y2, 0f);
        java.util.Arrays.fill(power, 0f);
        started = false;
    }

    /**
     * Takes the next frame and writes its modulation depth per band.
     *
     * @param features the frame's {@link Features} (at least {@link Features#COUNT} values; only
     *     the log band energies at {@link Features#ENERGY} are read)
     * @param out receives {@link #COUNT} values (log10 units, ≥ 0, usually below 2) from {@code offset}
     * @param offset first index written in out
     */
    public void update(float[] features, float[] out, int offset) {
        if (!started) {
            for (int b = 0; b < COUNT; b++) {
                float x = Math.max(features[Features.ENERGY + b], ENERGY_FLOOR);
                x1[b] = x;
                x2[b] = x;
            }
            started = true;
        }
        for (int b = 0; b < COUNT; b++) {
            float x = Math.max(features[Features.ENERGY + b], ENERGY_FLOOR);
            float y = B0 * (x - x2[b]) - A1 * y1[b] - A2 * y2[b];
            x2[b] = x1[b];
            x1[b] = x;
            y2[b] = y1[b];
            y1[b] = y;
            float p = power[b] + SMOOTHING * (y * y - power[b]);
            power[b] = p;
            out[offset + b] = (float) Math.sqrt(2 * p);
        }
    }
}
