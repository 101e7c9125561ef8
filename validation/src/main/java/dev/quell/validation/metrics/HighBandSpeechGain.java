package dev.quell.validation.metrics;

import dev.quell.dsp.RealFft;

/**
 * How much of the voice above 8 kHz a signal keeps: the level of the clean speech's part of the
 * test signal in the band {@value #LOW_HZ} Hz .. min({@value #HIGH_HZ} Hz, 0.95 × Nyquist),
 * relative to the clean speech there, in dB. 0 dB: all kept; −3 dB: half its power taken off (a
 * duller voice); noise left in the band does not count. A Quell measure (no standard), made for
 * what the other scores of {@code quell eval} do not see: DNSMOS scores at 16 kHz, STOI looks
 * below 5 kHz, and SI-SDR weighs the error by energy, which is small up there
 * ({@code docs/training-log.md}, session 49: the network took about 3 dB off the voice above
 * 8 kHz under noise that did not reach there).
 *
 * <p>Method. Both signals go through a short-time Fourier transform ({@value #FRAME_MS} ms Hann
 * frames, hop {@value #HOP_MS} ms, zero-padded to the next power of two). The frames whose clean
 * energy in the band is within {@value #ACTIVE_DB} dB of the band's loudest frame count. For each
 * bin k in the band, the cross-spectrum is summed over those frames, C_k = Σ_t conj(S_tk) Y_tk,
 * and the clean power P_k = Σ_t |S_tk|². Value = 20 log10(Σ_k |C_k| / Σ_k P_k): the mean of the
 * magnitude of the H1 transfer-function estimate |C_k / P_k| (Bendat &amp; Piersol, "Random Data",
 * 4th ed., section 9.1.4), weighted by the speech's power per bin. Summing over frames before
 * taking the modulus lets noise that is uncorrelated with the speech average out (the noisy input
 * scores about 0 dB: its speech is untouched); taking the modulus per bin makes the value blind to
 * a fixed delay or phase response. A gain that varies over time counts as its power-weighted mean
 * over the speech.
 */
public final class HighBandSpeechGain {
    /** Lower edge of the band, Hz. */
    public static final double LOW_HZ = 8000;
    /** Upper edge of the band at high rates, Hz. */
    public static final double HIGH_HZ = 20_000;
    /** Narrowest band that gives a value, Hz (so rates below about 25 kHz give none). */
    public static final double MIN_WIDTH_HZ = 4000;
    /** Frames within this many dB of the band's loudest clean frame count, dB. */
    public static final double ACTIVE_DB = 40;
    /**
     * A reference whose band holds less than this share of its whole energy, in dB, has no voice
     * up there to keep (a band-limited recording): no value.
     */
    public static final double BAND_SHARE_MIN_DB = -50;
    /** Frame length, ms. */
    public static final int FRAME_MS = 20;
    /** Hop, ms. */
    public static final int HOP_MS = 10;

    private HighBandSpeechGain() {
    }

    /**
     * @param clean clean reference, linear samples
     * @param test signal under test, aligned with clean (any fixed delay of a few samples does not
     *     matter); only its first clean.length samples are read
     * @param rate sample rate of both, Hz
     * @return the speech's level above 8 kHz in the test signal relative to the clean one, dB
     *     (−∞ when none of it is left), or NaN when the rate leaves a band narrower than
     *     {@value #MIN_WIDTH_HZ} Hz, the reference is shorter than one frame, or its band holds
     *     less than {@value #BAND_SHARE_MIN_DB} dB of its energy
     * @throws IllegalArgumentException if test is shorter than clean or the rate is not positive
     */
    public static double compute(float[] clean, float[] test, int rate) {
        if (test.length < clean.length || rate <= 0) {
            throw new IllegalArgumentException("test shorter than the reference (" + test.length + " < "
                    + clean.length + ") or rate not positive (" + rate + ")");
        }
        double high = Math.min(HIGH_HZ, 0.95 * rate / 2);
        int frame = rate * FRAME_MS / 1000;
        int hop = rate * HOP_MS / 1000;
        if (high - LOW_HZ < MIN_WIDTH_HZ || clean.length < frame || hop < 1) {
            return Double.NaN;
        }
        Spectra spectra = new Spectra(frame, hop, rate, high);
        int frames = 1 + (clean.length - frame) / hop;
        double[] bandEnergy = new double[frames];
        double whole = 0;
        double band = 0;
        double loudest = 0;
        for (int t = 0; t < frames; t++) {
            spectra.transform(clean, t, spectra.sRe, spectra.sIm);
            bandEnergy[t] = spectra.bandPower(spectra.sRe, spectra.sIm);
            whole += spectra.wholePower(spectra.sRe, spectra.sIm);
            band += bandEnergy[t];
            loudest = Math.max(loudest, bandEnergy[t]);
        }
        if (band == 0 || 10 * Math.log10(band / whole) < BAND_SHARE_MIN_DB) {
            return Double.NaN;
        }
        double threshold = loudest * Math.pow(10, -ACTIVE_DB / 10);
        int bins = spectra.high - spectra.low;
        double[] crossRe = new double[bins];
        double[] crossIm = new double[bins];
        double power = 0;
        for (int t = 0; t < frames; t++) {
            if (bandEnergy[t] < threshold) {
                continue;
            }
            spectra.transform(clean, t, spectra.sRe, spectra.sIm);
            spectra.transform(test, t, spectra.yRe, spectra.yIm);
            for (int k = spectra.low; k < spectra.high; k++) {
                double sr = spectra.sRe[k];
                double si = spectra.sIm[k];
                double yr = spectra.yRe[k];
                double yi = spectra.yIm[k];
                crossRe[k - spectra.low] += sr * yr + si * yi;
                crossIm[k - spectra.low] += sr * yi - si * yr;
                power += sr * sr + si * si;
            }
        }
        double kept = 0;
        for (int k = 0; k < bins; k++) {
            kept += Math.hypot(crossRe[k], crossIm[k]);
        }
        return 20 * Math.log10(kept / power);
    }

    /** The STFT of one frame at a time, and the band's bins. */
    private static final class Spectra {
        private final int frame;
        private final int hop;
        private final float[] window;
        private final RealFft fft;
        private final float[] buf;
        final float[] sRe;
        final float[] sIm;
        final float[] yRe;
        final float[] yIm;
        /** First bin of the band (inclusive). */
        final int low;
        /** Last bin of the band (exclusive). */
        final int high;

        Spectra(int frame, int hop, int rate, double highHz) {
            this.frame = frame;
            this.hop = hop;
            int n = Integer.highestOneBit(frame - 1) << 1;
            this.window = new float[frame];
            for (int i = 0; i < frame; i++) {
                window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / frame));
            }
            this.fft = new RealFft(n);
            this.buf = new float[n];
            this.sRe = new float[n / 2 + 1];
            this.sIm = new float[n / 2 + 1];
            this.yRe = new float[n / 2 + 1];
            this.yIm = new float[n / 2 + 1];
            this.low = (int) Math.ceil(LOW_HZ * n / rate);
            this.high = (int) Math.floor(highHz * n / rate) + 1;
        }

        void transform(float[] x, int t, float[] re, float[] im) {
            java.util.Arrays.fill(buf, 0f);
            for (int i = 0; i < frame; i++) {
                buf[i] = window[i] * x[t * hop + i];
            }
            fft.forward(buf, 0, re, im);
        }

        double bandPower(float[] re, float[] im) {
            return power(re, im, low, high);
        }

        double wholePower(float[] re, float[] im) {
            return power(re, im, 0, re.length);
        }

        private static double power(float[] re, float[] im, int from, int to) {
            double p = 0;
            for (int k = from; k < to; k++) {
                p += re[k] * (double) re[k] + im[k] * (double) im[k];
            }
            return p;
        }
    }
}
