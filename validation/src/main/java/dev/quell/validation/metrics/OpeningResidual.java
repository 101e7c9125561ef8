package dev.quell.validation.metrics;

/**
 * How much sound a signal holds before the talker first speaks: the level of the test signal
 * during the clean reference's silent opening, relative to the reference's speech level. On the
 * noisy input it is the noise level of the opening; on an enhancer's output it is what the
 * enhancer let through while it had heard nothing but noise, which is also what follows every
 * start and every reset of a plugin. Lower is quieter. A Quell measure (no standard): the
 * recurrent network starts from an empty state, and a model trained on examples that always open
 * with speech passes the first frames of noise ({@code docs/training-log.md}, session 18).
 *
 * <p>Frames of 10 ms. The voice onset is the first frame whose clean energy is within
 * {@value #ONSET_DB} dB of the loudest frame; the opening is every frame before it except the last
 * {@value #GUARD_FRAMES} (a look-ahead lets the enhancer open before the onset). The speech level
 * is the mean clean energy of the frames from the onset on that are within {@value #ONSET_DB} dB
 * of the loudest. Value = 10 log10(mean test energy in the opening / speech level), in dB, floored
 * at {@value #FLOOR_DB} dB.
 */
public final class OpeningResidual {
    /** Frames within this many dB of the loudest clean frame count as speech, dB. */
    public static final double ONSET_DB = 45;
    /** Frames just before the onset left out of the opening. */
    public static final int GUARD_FRAMES = 2;
    /** Shortest opening that gives a value, frames (50 ms). */
    public static final int MIN_FRAMES = 5;
    /** Lowest value reported (digital silence), dB. */
    public static final double FLOOR_DB = -100;

    private OpeningResidual() {
    }

    /**
     * @param clean clean reference, linear samples
     * @param test signal under test (noisy input or enhanced output), aligned with clean; only its
     *     first clean.length samples are read
     * @param rate sample rate, Hz (≥ 100)
     * @return the opening's level in dB relative to the speech level (≥ {@value #FLOOR_DB}), or
     *     NaN when the reference has no silent opening of at least {@value #MIN_FRAMES} frames
     *     before its guard, or no speech at all
     * @throws IllegalArgumentException if test is shorter than clean or the rate is below 100 Hz
     */
    public static double compute(float[] clean, float[] test, int rate) {
        if (test.length < clean.length || rate < 100) {
            throw new IllegalArgumentException("test shorter than the reference (" + test.length + " < "
                    + clean.length + ") or rate below 100 Hz (" + rate + ")");
        }
        int hop = rate / 100;
        int frames = clean.length / hop;
        double[] energy = new double[frames];
        double loudest = 0;
        for (int t = 0; t < frames; t++) {
            energy[t] = meanSquare(clean, t * hop, hop);
            loudest = Math.max(loudest, energy[t]);
        }
        if (loudest == 0) {
            return Double.NaN;
        }
        double threshold = loudest * Math.pow(10, -ONSET_DB / 10);
        int onset = 0;
        while (energy[onset] < threshold) {
            onset++;
        }
        int opening = onset - GUARD_FRAMES;
        if (opening < MIN_FRAMES) {
            return Double.NaN;
        }
        double speech = 0;
        int active = 0;
        for (int t = onset; t < frames; t++) {
            if (energy[t] >= threshold) {
                speech += energy[t];
                active++;
            }
        }
        double residual = meanSquare(test, 0, opening * hop);
        return Math.max(FLOOR_DB, 10 * Math.log10(residual / (speech / active) + 1e-30));
    }

    private static double meanSquare(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i] * (double) x[i];
        }
        return s / n;
    }
}
