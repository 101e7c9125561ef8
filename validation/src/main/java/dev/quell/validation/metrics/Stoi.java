package dev.quell.validation.metrics;

import dev.quell.dsp.RealFft;
import dev.quell.dsp.resample.Resampler;

/**
 * Short-time objective intelligibility: STOI (Taal, Hendriks, Heusdens, Jensen, "An algorithm
 * for intelligibility prediction of time-frequency weighted noisy speech", IEEE TASLP 19(7),
 * 2011) and extended STOI (Jensen &amp; Taal, "An algorithm for predicting the intelligibility of
 * speech masked by modulated noise maskers", IEEE/ACM TASLP 24(11), 2016).
 *
 * <p>Steps, as in the papers and their reference implementations:
 * <ol>
 *   <li>resample both signals to 10 kHz (Quell's {@link Resampler});</li>
 *   <li>remove silent frames: 256-sample Hann frames (hop 128), drop frames whose clean energy
 *       is more than 40 dB below the loudest clean frame, overlap-add the rest;</li>
 *   <li>STFT: 256-sample Hann frames, hop 128, 512-point FFT;</li>
 *   <li>15 one-third-octave bands from 150 Hz (edges snapped to FFT bins), band amplitude
 *       = sqrt of summed power;</li>
 *   <li>30-frame (384 ms) segments ending at every frame;</li>
 *   <li>STOI: per band and segment, scale the degraded envelope to the clean one's norm, clip it
 *       at (1 + 10^(15/20)) times the clean envelope (signal-to-distortion floor -15 dB), and
 *       take the correlation coefficient; average over bands and segments;</li>
 *   <li>ESTOI: normalise each segment's band envelopes to zero mean and unit norm over time,
 *       then each frame's spectrum over bands, and average the inner products.</li>
 * </ol>
 * Fewer than 30 frames after silence removal give the reference implementation's 1e-5.
 */
public final class Stoi {
    /** Internal sample rate in Hz. */
    public static final int RATE = 10_000;
    private static final int FRAME = 256;
    private static final int HOP = 128;
    private static final int NFFT = 512;
    private static final int BANDS = 15;
    private static final double MIN_FREQ = 150;
    private static final int SEGMENT = 30;
    private static final double DYN_RANGE = 40;
    private static final double BETA = -15;
    private static final double EPS = Math.ulp(1.0);
    private static final double[] HANN = new double[FRAME];
    private static final int[] BAND_LOW = new int[BANDS];
    private static final int[] BAND_HIGH = new int[BANDS];

    static {
        for (int i = 0; i < FRAME; i++) {
            // MATLAB hanning(N): 0.5 (1 - cos(2 pi n / (N + 1))), n = 1..N
            HANN[i] = 0.5 * (1 - Math.cos(2 * Math.PI * (i + 1) / (FRAME + 1)));
        }
        int bins = NFFT / 2 + 1;
        for (int b = 0; b < BANDS; b++) {
            double lo = MIN_FREQ * Math.pow(2, (2.0 * b - 1) / 6);
            double hi = MIN_FREQ * Math.pow(2, (2.0 * b + 1) / 6);
            BAND_LOW[b] = nearestBin(lo, bins);
            BAND_HIGH[b] = nearestBin(hi, bins); // exclusive
        }
    }

    private static int nearestBin(double f, int bins) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < bins; k++) {
            double d = (k * (double) RATE / NFFT - f) * (k * (double) RATE / NFFT - f);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    private Stoi() {
    }

    /**
     * Classic STOI.
     *
     * @param clean clean reference
     * @param degraded processed or noisy signal, same length and rate
     * @param sampleRate sample rate in Hz
     * @return STOI, about 0..1 (higher is more intelligible)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double stoi(float[] clean, float[] degraded, int sampleRate) {
        return compute(clean, degraded, sampleRate, false);
    }

    /**
     * Extended STOI.
     *
     * @param clean clean reference
     * @param degraded processed or noisy signal, same length and rate
     * @param sampleRate sample rate in Hz
     * @return ESTOI, about 0..1
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double estoi(float[] clean, float[] degraded, int sampleRate) {
        return compute(clean, degraded, sampleRate, true);
    }

    private static double compute(float[] clean, float[] degraded, int sampleRate, boolean extended) {
        if (clean.length != degraded.length) {
            throw new IllegalArgumentException("length mismatch: " + clean.length + " vs " + degraded.length);
        }
        float[] x = Resampler.resample(clean, sampleRate, RATE);
        float[] y = Resampler.resample(degraded, sampleRate, RATE);
        double[][] xy = removeSilentFrames(x, y);
        double[][] xt = thirdOctaveEnvelopes(xy[0]);
        double[][] yt = thirdOctaveEnvelopes(xy[1]);
        int frames = xt.length;
        if (frames < SEGMENT) {
            return 1e-5;
        }
        double sum = 0;
        int segments = frames - SEGMENT + 1;
        double[][] xs = new double[BANDS][SEGMENT];
        double[][] ys = new double[BANDS][SEGMENT];
        for (int m = SEGMENT; m <= frames; m++) {
            for (int b = 0; b < BANDS; b++) {
                for (int j = 0; j < SEGMENT; j++) {
                    xs[b][j] = xt[m - SEGMENT + j][b];
                    ys[b][j] = yt[m - SEGMENT + j][b];
                }
            }
            sum += extended ? estoiSegment(xs, ys) : stoiSegment(xs, ys);
        }
        return extended ? sum / segments : sum / (segments * (double) BANDS);
    }

    private static double stoiSegment(double[][] xs, double[][] ys) {
        double clip = Math.pow(10, -BETA / 20);
        double total = 0;
        for (int b = 0; b < BANDS; b++) {
            double[] xb = xs[b];
            double[] yb = ys[b];
            double nx = norm(xb);
            double ny = norm(yb);
            double scale = nx / (ny + EPS);
            double[] yp = new double[SEGMENT];
            for (int j = 0; j < SEGMENT; j++) {
                yp[j] = Math.min(yb[j] * scale, xb[j] * (1 + clip));
            }
            double[] xc = xb.clone();
            centre(yp);
            centre(xc);
            double nyp = norm(yp) + EPS;
            double nxc = norm(xc) + EPS;
            double c = 0;
            for (int j = 0; j < SEGMENT; j++) {
                c += (yp[j] / nyp) * (xc[j] / nxc);
            }
            total += c;
        }
        return total;
    }

    private static double estoiSegment(double[][] xs, double[][] ys) {
        double[][] xn = rowColumnNormalise(xs);
        double[][] yn = rowColumnNormalise(ys);
        double s = 0;
        for (int b = 0; b < BANDS; b++) {
            for (int j = 0; j < SEGMENT; j++) {
                s += xn[b][j] * yn[b][j];
            }
        }
        return s / SEGMENT;
    }

    private static double[][] rowColumnNormalise(double[][] m) {
        double[][] out = new double[BANDS][];
        for (int b = 0; b < BANDS; b++) {
            out[b] = m[b].clone();
            centre(out[b]);
            double inv = 1 / Math.sqrt(sumSquares(out[b]));
            for (int j = 0; j < SEGMENT; j++) {
                out[b][j] *= inv;
            }
        }
        for (int j = 0; j < SEGMENT; j++) {
            double mean = 0;
            for (int b = 0; b < BANDS; b++) {
                mean += out[b][j];
            }
            mean /= BANDS;
            double ss = 0;
            for (int b = 0; b < BANDS; b++) {
                out[b][j] -= mean;
                ss += out[b][j] * out[b][j];
            }
            double inv = 1 / Math.sqrt(ss);
            for (int b = 0; b < BANDS; b++) {
                out[b][j] *= inv;
            }
        }
        return out;
    }

    private static void centre(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
    }

    private static double sumSquares(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return s;
    }

    private static double norm(double[] v) {
        return Math.sqrt(sumSquares(v));
    }

    /** Frames start at 0, HOP, ... while start &lt; length - FRAME (the reference's range). */
    private static int frameCount(int length) {
        return length > FRAME ? (length - FRAME - 1) / HOP + 1 : 0;
    }

    private static double[][] removeSilentFrames(float[] x, float[] y) {
        int frames = frameCount(x.length);
        double[] energy = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = 0; i < FRAME; i++) {
                double v = HANN[i] * x[f * HOP + i];
                s += v * v;
            }
            energy[f] = 20 * Math.log10(Math.sqrt(s) + EPS);
            max = Math.max(max, energy[f]);
        }
        int kept = 0;
        for (int f = 0; f < frames; f++) {
            if (max - DYN_RANGE - energy[f] < 0) {
                kept++;
            }
        }
        int n = kept == 0 ? 0 : (kept - 1) * HOP + FRAME;
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int f = 0; f < frames; f++) {
            if (max - DYN_RANGE - energy[f] < 0) {
                for (int i = 0; i < FRAME; i++) {
                    xs[k * HOP + i] += HANN[i] * x[f * HOP + i];
                    ys[k * HOP + i] += HANN[i] * y[f * HOP + i];
                }
                k++;
            }
        }
        return new double[][] {xs, ys};
    }

    /** One-third-octave band amplitudes, [frame][band]. */
    private static double[][] thirdOctaveEnvelopes(double[] x) {
        int frames = frameCount(x.length);
        RealFft fft = new RealFft(NFFT);
        float[] buf = new float[NFFT];
        float[] re = new float[NFFT / 2 + 1];
        float[] im = new float[NFFT / 2 + 1];
        double[][] out = new double[frames][BANDS];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(buf, 0f);
            for (int i = 0; i < FRAME; i++) {
                buf[i] = (float) (HANN[i] * x[f * HOP + i]);
            }
            fft.forward(buf, 0, re, im);
            for (int b = 0; b < BANDS; b++) {
                double s = 0;
                for (int k = BAND_LOW[b]; k < BAND_HIGH[b]; k++) {
                    s += re[k] * (double) re[k] + im[k] * (double) im[k];
                }
                out[f][b] = Math.sqrt(s);
            }
        }
        return out;
    }
}
