package dev.quell.validation.metrics;

import dev.quell.dsp.RealFft;

/**
 * What a signal does to the voice above 8 kHz, in the band {@value #LOW_HZ} Hz ..
 * min({@value #HIGH_HZ} Hz, 0.95 × Nyquist), against the clean reference: two numbers in dB.
 * <ul>
 *   <li><b>kept</b>: the level of the clean speech's part of the test signal relative to the clean
 *   speech. 0 dB: all kept; −3 dB: half its power taken off (a duller voice). Noise left in the
 *   band does not count.</li>
 *   <li><b>residual</b>: everything else in the band (noise left, and the speech's distortion: the
 *   part a fixed gain and phase per frequency does not explain) relative to the clean speech
 *   there. On a noisy input it is minus the band's SNR; lower is cleaner.</li>
 * </ul>
 * A Quell measure (no standard), made for what the other scores of {@code quell eval} do not see:
 * DNSMOS scores at 16 kHz, STOI looks below 5 kHz, and SI-SDR weighs the error by energy, which is
 * small up there ({@code docs/training-log.md}, session 49: the network took about 3 dB off the
 * voice above 8 kHz under noise that did not reach there). Both numbers are needed to judge a
 * change up there: keeping more voice by letting more noise through shows in both.
 *
 * <p>Method. Both signals go through a short-time Fourier transform ({@value #FRAME_MS} ms Hann
 * frames, hop {@value #HOP_MS} ms, zero-padded to the next power of two), clean S_tk, test Y_tk.
 * The speech frames are those whose clean energy in the band is within {@value #ACTIVE_DB} dB of
 * the band's loudest frame. Per bin k of the band, over the speech frames, the cross-spectrum
 * C_k = Σ_t conj(S_tk) Y_tk and the clean power P_k = Σ_t |S_tk|² give the H1 transfer-function
 * estimate H_k = C_k / P_k (Bendat &amp; Piersol, "Random Data", 4th ed., section 9.1.4).
 * kept = 20 log10(Σ_k |C_k| / Σ_k P_k), the mean of |H_k| weighted by the speech's power per bin;
 * residual = 10 log10(Σ_t Σ_k |Y_tk − H_k S_tk|² / Σ_t Σ_k |S_tk|²) over all frames, so that the
 * noise left in the pauses counts too. Summing over frames before taking the modulus lets noise
 * that is uncorrelated with the speech average out (the noisy input keeps about 0 dB: its speech
 * is untouched), and a fixed delay or phase response is part of H_k, so it changes neither number.
 * A gain that varies over time counts as its power-weighted mean in kept, and its variation as
 * residual.
 */
public final class HighBandSpeech {
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

    private HighBandSpeech() {
    }

    /**
     * The two numbers.
     *
     * @param keptDb the voice's level in the test signal relative to the clean one, dB (0: all
     *     kept; −∞ when none is left)
     * @param residualDb what else the band holds relative to the clean voice there, dB
     */
    public record Scores(double keptDb, double residualDb) {
        /** Both NaN: no band, or no voice in it. */
        public static final Scores NONE = new Scores(Double.NaN, Double.NaN);
    }

    /**
     * @param clean clean reference, linear samples
     * @param test signal under test, aligned with clean (a fixed delay of a few samples does not
     *     matter); only its first clean.length samples are read
     * @param rate sample rate of both, Hz
     * @return both numbers, or {@link Scores#NONE} when the rate leaves a band narrower than
     *     {@value #MIN_WIDTH_HZ} Hz, the reference is shorter than one frame, or its band holds
     *     less than {@value #BAND_SHARE_MIN_DB} dB of its energy
     * @throws IllegalArgumentException if test is shorter than clean or the rate is not positive
     */
    public static Scores compute(float[] clean, float[] test, int rate) {
        if (test.length < clean.length || rate <= 0) {
            throw new IllegalArgumentException("test shorter than the reference (" + test.length + " < "
                    + clean.length + ") or rate not positive (" + rate + ")");
        }
        double high = Math.min(HIGH_HZ, 0.95 * rate / 2);
        int frame = rate * FRAME_MS / 1000;
        int hop = rate * HOP_MS / 1000;
        if (high - LOW_HZ < MIN_WIDTH_HZ || clean.length < frame || hop < 1) {
            return Scores.NONE;
        }
        Spectra spectra = new Spectra(frame, hop, rate, high);
        double[] bandEnergy = new double[1 + (clean.length - frame) / hop];
        double band = bandEnergies(clean, spectra, bandEnergy);
        if (Double.isNaN(band)) {
            return Scores.NONE;
        }
        Transfer h = new Transfer(clean, test, spectra, speechFrames(bandEnergy));
        return new Scores(h.keptDb(), 10 * Math.log10(h.residual(clean, test, spectra) / band));
    }

    /**
     * Fills the clean band's energy per frame.
     *
     * @return the band's energy over all frames, or NaN when it is zero or below
     *     {@value #BAND_SHARE_MIN_DB} dB of the whole signal's
     */
    private static double bandEnergies(float[] clean, Spectra spectra, double[] bandEnergy) {
        double whole = 0;
        double band = 0;
        for (int t = 0; t < bandEnergy.length; t++) {
            spectra.transform(clean, t, spectra.sRe, spectra.sIm);
            bandEnergy[t] = Spectra.power(spectra.sRe, spectra.sIm, spectra.low, spectra.high);
            whole += Spectra.power(spectra.sRe, spectra.sIm, 0, spectra.sRe.length);
            band += bandEnergy[t];
        }
        return band == 0 || 10 * Math.log10(band / whole) < BAND_SHARE_MIN_DB ? Double.NaN : band;
    }

    /** The frames whose band energy is within {@value #ACTIVE_DB} dB of the loudest. */
    private static boolean[] speechFrames(double[] bandEnergy) {
        double loudest = 0;
        for (double e : bandEnergy) {
            loudest = Math.max(loudest, e);
        }
        double threshold = loudest * Math.pow(10, -ACTIVE_DB / 10);
        boolean[] speech = new boolean[bandEnergy.length];
        for (int t = 0; t < speech.length; t++) {
            speech[t] = bandEnergy[t] >= threshold;
        }
        return speech;
    }

    /** The H1 estimate per bin of the band over the speech frames: C_k and P_k. */
    private static final class Transfer {
        private final double[] crossRe;
        private final double[] crossIm;
        private final double[] speechPower;
        /** Frames of the signals, speech or not. */
        private final int frames;

        Transfer(float[] clean, float[] test, Spectra spectra, boolean[] speech) {
            int bins = spectra.high - spectra.low;
            frames = speech.length;
            crossRe = new double[bins];
            crossIm = new double[bins];
            speechPower = new double[bins];
            for (int t = 0; t < speech.length; t++) {
                if (!speech[t]) {
                    continue;
                }
                spectra.transform(clean, t, spectra.sRe, spectra.sIm);
                spectra.transform(test, t, spectra.yRe, spectra.yIm);
                for (int b = 0; b < bins; b++) {
                    double sr = spectra.sRe[spectra.low + b];
                    double si = spectra.sIm[spectra.low + b];
                    double yr = spectra.yRe[spectra.low + b];
                    double yi = spectra.yIm[spectra.low + b];
                    crossRe[b] += sr * yr + si * yi;
                    crossIm[b] += sr * yi - si * yr;
                    speechPower[b] += sr * sr + si * si;
                }
            }
        }

        /** 20 log10(Σ_k |C_k| / Σ_k P_k). */
        double keptDb() {
            double kept = 0;
            double power = 0;
            for (int b = 0; b < speechPower.length; b++) {
                kept += Math.hypot(crossRe[b], crossIm[b]);
                power += speechPower[b];
            }
            return 20 * Math.log10(kept / power);
        }

        /** Σ_t Σ_k |Y_tk − H_k S_tk|² over all frames. */
        double residual(float[] clean, float[] test, Spectra spectra) {
            int bins = speechPower.length;
            double[] hRe = new double[bins];
            double[] hIm = new double[bins];
            for (int b = 0; b < bins; b++) {
                hRe[b] = speechPower[b] > 0 ? crossRe[b] / speechPower[b] : 0;
                hIm[b] = speechPower[b] > 0 ? crossIm[b] / speechPower[b] : 0;
            }
            double residual = 0;
            for (int t = 0; t < frames; t++) {
                spectra.transform(clean, t, spectra.sRe, spectra.sIm);
                spectra.transform(test, t, spectra.yRe, spectra.yIm);
                for (int b = 0; b < bins; b++) {
                    double hr = hRe[b];
                    double hi = hIm[b];
                    double sr = spectra.sRe[spectra.low + b];
                    double si = spectra.sIm[spectra.low + b];
                    double er = spectra.yRe[spectra.low + b] - (hr * sr - hi * si);
                    double ei = spectra.yIm[spectra.low + b] - (hr * si + hi * sr);
                    residual += er * er + ei * ei;
                }
            }
            return residual;
        }
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

        /** Σ |X_k|² over bins [from, to). */
        static double power(float[] re, float[] im, int from, int to) {
            double p = 0;
            for (int k = from; k < to; k++) {
                p += re[k] * (double) re[k] + im[k] * (double) im[k];
            }
            return p;
        }
    }
}
