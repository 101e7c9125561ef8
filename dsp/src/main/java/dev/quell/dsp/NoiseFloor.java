package dev.quell.dsp;

import java.util.Arrays;

/**
 * Per-band noise-floor tracking for the network's extended input ({@link NetworkInputs}): for each of the 34 bands, how
 * far the newest frame's log band energy lies above the minimum of its recent smoothed values.
 *
 * <p>This is minimum statistics (R. Martin, "Noise power spectral density estimation based on
 * optimal smoothing and minimum statistics", IEEE Trans. Speech and Audio Processing 9(5), 2001)
 * in a deliberately simple form: a fixed first-order smoothing of the log10 band energy
 * S ← S + {@value #SMOOTHING}·(f − S), and its minimum over the last {@value #SUBWINDOWS}
 * sub-windows of {@value #SUBWINDOW_FRAMES} frames (2.0 s at 10 ms frames), kept as one running
 * minimum per sub-window, so each frame costs O(bands · sub-windows). No bias compensation: the
 * network learns the scale. Speech pauses of a few hundred milliseconds within two seconds let
 * the floor settle on the noise; stationary noise gives values near 0, speech and transients
 * values well above it. A recurrent network can in principle learn such a long minimum itself,
 * but giving it explicitly is the classic DSP's job in this design.
 *
 * <p>Output per band b: d_b = f_b − floor_b in log10 units (1.0 = 10 dB above the floor), where
 * f_b = log10(E_b + 1e-10) is feature b of {@link Features}. Bands at the energy floor give 0.
 * The very first frame after construction or {@link #reset()} gives 0 in every band.
 *
 * <p>Allocation-free after construction; not thread-safe (one instance per stream).
 */
public final class NoiseFloor {
    /** Values produced per frame (one per band). */
    public static final int COUNT = FrameFormat.BANDS;
    /** Smoothing coefficient of the log band energy per frame (time constant about 45 ms). */
    public static final double SMOOTHING = 0.2;
    /** Frames per sub-window of the minimum search. */
    public static final int SUBWINDOW_FRAMES = 25;
    /** Number of sub-windows: the minimum spans SUBWINDOWS × SUBWINDOW_FRAMES frames. */
    public static final int SUBWINDOWS = 8;

    private final float[] smoothed = new float[COUNT];
    /** [sub-window][band] minima of the completed sub-windows, ring buffer. */
    private final float[][] minima = new float[SUBWINDOWS - 1][COUNT];
    private final float[] current = new float[COUNT];
    private int framesInCurrent;
    private int ring;
    private boolean started;

    /** A tracker with no history. */
    public NoiseFloor() {
        reset();
    }

    /** Forgets all history; the next frame is treated as the first. */
    public void reset() {
        for (float[] m : minima) {
            Arrays.fill(m, Float.POSITIVE_INFINITY);
        }
        Arrays.fill(current, Float.POSITIVE_INFINITY);
        Arrays.fill(smoothed, 0f);
        framesInCurrent = 0;
        ring = 0;
        started = false;
    }

    /**
     * Takes the next frame and writes its distance above the noise floor per band.
     *
     * @param features the frame's {@link Features} (at least {@link Features#COUNT} values; only
     *     the log band energies at {@link Features#ENERGY} are read)
     * @param out receives {@link #COUNT} values (log10 units, usually 0..about 8) from {@code offset}
     * @param offset first index written in out
     */
    public void update(float[] features, float[] out, int offset) {
        if (!started) {
            System.arraycopy(features, Features.ENERGY, smoothed, 0, COUNT);
            started = true;
        }
        for (int b = 0; b < COUNT; b++) {
            float f = features[Features.ENERGY + b];
            float s = (float) (smoothed[b] + SMOOTHING * (f - smoothed[b]));
            smoothed[b] = s;
            float m = Math.min(current[b], s);
            current[b] = m;
            for (float[] done : minima) {
                m = Math.min(m, done[b]);
            }
            out[offset + b] = f - m;
        }
        if (++framesInCurrent == SUBWINDOW_FRAMES) {
            float[] slot = minima[ring];
            System.arraycopy(current, 0, slot, 0, COUNT);
            ring = (ring + 1) % minima.length;
            Arrays.fill(current, Float.POSITIVE_INFINITY);
            framesInCurrent = 0;
        }
    }
}
