package dev.quell.dsp;

/**
 * DC-blocking high-pass applied before analysis: a second-order Butterworth section with its
 * corner at {@link #CUTOFF_HZ}, in transposed direct form II.
 *
 * <p>Coefficients are the bilinear transform of the analogue Butterworth prototype
 * (RBJ "Audio EQ Cookbook", HPF with Q = 1/sqrt(2)). At 48 kHz a 40 Hz corner removes DC, rumble
 * and handling noise while leaving the lowest voiced pitch (62.5 Hz) within 1.5 dB.
 */
public final class HighPass {
    /** Corner frequency (-3 dB) in Hz. */
    public static final double CUTOFF_HZ = 40.0;

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double s1;
    private double s2;

    /**
     * Creates the filter for a sample rate.
     *
     * @param sampleRate sample rate in Hz, must exceed 2 * CUTOFF_HZ
     * @throws IllegalArgumentException if the rate is not above twice the corner
     */
    public HighPass(double sampleRate) {
        this(sampleRate, CUTOFF_HZ);
    }

    /**
     * Creates the filter with another corner frequency.
     *
     * @param sampleRate sample rate in Hz, must exceed 2 * cutoffHz
     * @param cutoffHz corner frequency (-3 dB) in Hz, positive
     * @throws IllegalArgumentException if the corner is not in (0, sampleRate / 2)
     */
    public HighPass(double sampleRate, double cutoffHz) {
        if (!(cutoffHz > 0 && sampleRate > 2 * cutoffHz)) {
            throw Messages.badHighPassCorner(cutoffHz, sampleRate);
        }
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        b0 = (1 + cos) / 2 / a0;
        b1 = -(1 + cos) / a0;
        b2 = (1 + cos) / 2 / a0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
    }

    /**
     * Filters {@code n} samples in place, continuing from the previous call.
     *
     * @param x samples (linear, full scale = 1.0)
     * @param off first sample
     * @param n number of samples
     */
    public void process(float[] x, int off, int n) {
        double z1 = s1;
        double z2 = s2;
        for (int i = off; i < off + n; i++) {
            double in = x[i];
            double out = b0 * in + z1;
            z1 = b1 * in - a1 * out + z2;
            z2 = b2 * in - a2 * out;
            x[i] = (float) out;
        }
        // Flush denormals so silence after a loud passage never slows the audio thread.
        s1 = Math.abs(z1) < 1e-25 ? 0 : z1;
        s2 = Math.abs(z2) < 1e-25 ? 0 : z2;
    }

    /** Clears the filter memory. */
    public void reset() {
        s1 = 0;
        s2 = 0;
    }
}
