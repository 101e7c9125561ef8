package dev.quell.validation.metrics;

/**
 * Scale-invariant signal-to-distortion ratio (Le Roux, Wisdom, Erdogan, Hershey, "SDR -
 * half-baked or well done?", ICASSP 2019, eq. 4-5).
 *
 * <p>Both signals are made zero-mean; the reference is scaled by
 * alpha = &lt;est, ref&gt; / &lt;ref, ref&gt;; SI-SDR = 10 log10(|alpha ref|^2 / |est - alpha ref|^2).
 */
public final class SiSdr {
    private SiSdr() {
    }

    /**
     * @param reference clean reference (any rate; same length as estimate)
     * @param estimate signal under test
     * @return SI-SDR in dB; +Infinity for a perfect (scaled) copy, -Infinity for an estimate
     *     orthogonal to the reference
     * @throws IllegalArgumentException if the lengths differ or the reference is silent
     */
    public static double compute(float[] reference, float[] estimate) {
        if (reference.length != estimate.length) {
            throw new IllegalArgumentException("length mismatch: " + reference.length + " vs " + estimate.length);
        }
        int n = reference.length;
        double mr = 0;
        double me = 0;
        for (int i = 0; i < n; i++) {
            mr += reference[i];
            me += estimate[i];
        }
        mr /= n;
        me /= n;
        double dot = 0;
        double rr = 0;
        for (int i = 0; i < n; i++) {
            double r = reference[i] - mr;
            dot += r * (estimate[i] - me);
            rr += r * r;
        }
        if (rr == 0) {
            throw new IllegalArgumentException("reference is silent");
        }
        double alpha = dot / rr;
        double target = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double t = alpha * (reference[i] - mr);
            double e = (estimate[i] - me) - t;
            target += t * t;
            noise += e * e;
        }
        return 10 * Math.log10(target / noise);
    }
}
