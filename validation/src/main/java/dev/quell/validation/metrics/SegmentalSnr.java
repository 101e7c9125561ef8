package dev.quell.validation.metrics;

/**
 * Segmental SNR (Hansen &amp; Pellom, "An effective quality evaluation protocol for speech
 * enhancement algorithms", ICSLP 1998; Loizou, "Speech Enhancement", 2nd ed., section 11.1.1):
 * the mean over 30 ms frames (hop 15 ms, rectangular) of
 * 10 log10(sum s^2 / sum (s - s_hat)^2), each frame's value clipped to [-10, 35] dB.
 */
public final class SegmentalSnr {
    /** Lower clip per frame in dB. */
    public static final double MIN_DB = -10;
    /** Upper clip per frame in dB. */
    public static final double MAX_DB = 35;

    private SegmentalSnr() {
    }

    /**
     * @param reference clean reference
     * @param estimate signal under test, same length
     * @param sampleRate sample rate in Hz (sets the 30 ms frame)
     * @return segmental SNR in dB, in [-10, 35]
     * @throws IllegalArgumentException if the lengths differ or the signal is shorter than a frame
     */
    public static double compute(float[] reference, float[] estimate, int sampleRate) {
        if (reference.length != estimate.length) {
            throw new IllegalArgumentException("length mismatch: " + reference.length + " vs " + estimate.length);
        }
        int frame = (int) Math.round(0.030 * sampleRate);
        int hop = frame / 2;
        if (reference.length < frame) {
            throw new IllegalArgumentException("signal shorter than one 30 ms frame");
        }
        double sum = 0;
        int count = 0;
        for (int start = 0; start + frame <= reference.length; start += hop) {
            double s = 0;
            double e = 0;
            for (int i = start; i < start + frame; i++) {
                double d = reference[i] - estimate[i];
                s += reference[i] * (double) reference[i];
                e += d * d;
            }
            double db = 10 * Math.log10((s + 1e-20) / (e + 1e-20));
            sum += Math.max(MIN_DB, Math.min(MAX_DB, db));
            count++;
        }
        return sum / count;
    }
}
