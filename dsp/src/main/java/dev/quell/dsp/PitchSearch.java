package dev.quell.dsp;

/**
 * Per-frame pitch candidates (ALGORITHM.md step 3, first half): normalised correlation on a
 * decimated, whitened signal, octave (sub-multiple) checks, and refinement at full rate. The
 * {@link PitchTracker} then picks one candidate per frame by dynamic programming.
 *
 * <p>Method, per 10 ms frame, on the newest 30 ms (1440 samples) of the high-passed input:
 * <ol>
 *   <li>Low-pass (64-tap Blackman windowed sinc, corner 3 kHz) and decimate by 4 to 12 kHz;
 *       the decimated history is kept across frames so only 120 new samples are filtered.</li>
 *   <li>Whiten with an order-8 LPC inverse filter (as the Opus/RNNoise pitch analysis does), so
 *       noise concentrated at low frequencies (babble, hum) does not dominate the correlation.</li>
 *   <li>Normalised cross-correlation c(tau) = sum x(n) x(n-tau) / sqrt(sum x(n)^2 sum
 *       x(n-tau)^2) over a 360-sample window for tau = 15..192 (periods 60..768 at 48 kHz); the
 *       {@link #MAX_CANDIDATES} highest local maxima become candidates.</li>
 *   <li>Octave check: a periodic signal correlates as well at 2T, 3T, ... as at T, so a candidate
 *       tau is replaced by its sub-multiple tau/k (k = 8 down to 2, shortest period first) when
 *       c(tau/k) and the mean of c(m tau/k), m = 1..k-1, both reach {@link #SUBMULTIPLE_RATIO}
 *       of c(tau). Requiring every multiple keeps a chance peak at tau/k from halving a true
 *       low pitch.</li>
 *   <li>The period is located at 48 kHz: the best plain normalised correlation over
 *       4 tau +/- 4 samples. The candidate keeps the whitened correlation as its score.</li>
 * </ol>
 * Allocation-free after construction. Not thread-safe.
 */
public final class PitchSearch {
    /** Samples of input history the search needs: window + longest period + decimation filter. */
    public static final int MIN_HISTORY = 1440 + FrameFormat.MAX_PERIOD + 64;
    /** Candidates kept per frame. */
    public static final int MAX_CANDIDATES = 5;
    /** A sub-multiple of a candidate period wins when its correlation reaches this share. */
    public static final double SUBMULTIPLE_RATIO = 0.7;

    private static final int DECIMATION = 4;
    private static final int FIR_TAPS = 64;
    private static final double FIR_CUTOFF_HZ = 3000.0;
    private static final int WINDOW = 1440;
    private static final int DEC_WINDOW = WINDOW / DECIMATION;
    private static final int DEC_MIN_LAG = FrameFormat.MIN_PERIOD / DECIMATION;
    private static final int DEC_MAX_LAG = FrameFormat.MAX_PERIOD / DECIMATION;
    private static final int DEC_LENGTH = DEC_WINDOW + DEC_MAX_LAG + 1;
    private static final int DEC_HOP = FrameFormat.HOP / DECIMATION;

    private static final float[] FIR = designLowPass();

    private static final int LPC_ORDER = 8;
    private static final int MAX_SUBMULTIPLE = 8;

    private final float[] decimated = new float[DEC_LENGTH];
    /** The whitened decimated signal: the filter's float outputs, held as double for the kernel. */
    private final double[] whitened = new double[DEC_LENGTH];
    private final double[] autocorr = new double[LPC_ORDER + 1];
    private final double[] lpc = new double[LPC_ORDER];
    private final double[] lpcTmp = new double[LPC_ORDER];
    private final double[] decEnergyPrefix = new double[DEC_LENGTH + 1];
    private final float[] coarse = new float[DEC_MAX_LAG + 2];
    private final double[] energyPrefix;
    /** The searched history widened to double, for the correlation kernel. */
    private final double[] historyWide;
    private final DotProduct kernel = DotProduct.get();
    private final int historyLength;

    private final int[] periods = new int[MAX_CANDIDATES];
    private final float[] correlations = new float[MAX_CANDIDATES];
    private int count;
    private int refinedPeriod;

    /**
     * @param historyLength length of the {@link SignalHistory} that will be searched; at least
     *     {@link #MIN_HISTORY}
     * @throws IllegalArgumentException if the history is too short
     */
    public PitchSearch(int historyLength) {
        if (historyLength < MIN_HISTORY) {
            throw Messages.pitchHistoryTooShort(historyLength);
        }
        this.historyLength = historyLength;
        this.energyPrefix = new double[historyLength + 1];
        this.historyWide = new double[historyLength];
    }

    private static float[] designLowPass() {
        float[] h = new float[FIR_TAPS];
        double fc = FIR_CUTOFF_HZ / FrameFormat.SAMPLE_RATE;
        double mid = (FIR_TAPS - 1) / 2.0;
        double sum = 0;
        for (int i = 0; i < FIR_TAPS; i++) {
            double t = i - mid;
            double sinc = 2 * fc * (t == 0 ? 1 : Math.sin(2 * Math.PI * fc * t) / (2 * Math.PI * fc * t));
            double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (FIR_TAPS - 1))
                    + 0.08 * Math.cos(4 * Math.PI * i / (FIR_TAPS - 1));
            h[i] = (float) (sinc * w);
            sum += h[i];
        }
        for (int i = 0; i < FIR_TAPS; i++) {
            h[i] /= (float) sum;
        }
        return h;
    }

    /**
     * Searches the newest 960 samples of {@code history} (call once per frame, right after the
     * newest hop was pushed).
     *
     * @param history the input history, newest sample last
     */
    public void analyze(SignalHistory history) {
        float[] x = history.samples();
        int n = historyLength;
        // 1. decimate the newest hop
        System.arraycopy(decimated, DEC_HOP, decimated, 0, DEC_LENGTH - DEC_HOP);
        decimateNewestHop(x, n);
        whiten();
        energyPrefixes(x, n);
        // 2. coarse normalised correlation of the whitened signal
        coarseCorrelation();
        // 3. pick local maxima, best first
        count = 0;
        for (int lag = DEC_MIN_LAG; lag <= DEC_MAX_LAG; lag++) {
            float c = coarse[lag];
            boolean peak = c >= coarse[lag - 1] && c > coarse[lag + 1];
            if (peak && c > 0) {
                insertCoarse(lag, c);
            }
        }
        // 4. octave check on the coarse correlation, then locate the period at full rate
        int kept = count;
        count = 0;
        for (int i = 0; i < kept; i++) {
            int lag = octaveChecked(periods[i], correlations[i]);
            float corr = coarse[lag]; // correlations[i] itself when the check kept the peak
            refine(DECIMATION * lag, DECIMATION);
            addDistinct(i, refinedPeriod, corr);
        }
        if (count == 0) {
            periods[0] = 4 * 60; // nothing periodic: a neutral 200 Hz with zero correlation
            correlations[0] = 0f;
            count = 1;
        }
    }

    /** Prefix sums of energy of the whitened decimated signal and of the full-rate history. */
    private void energyPrefixes(float[] x, int n) {
        decEnergyPrefix[0] = 0;
        for (int i = 0; i < DEC_LENGTH; i++) {
            double v = whitened[i];
            decEnergyPrefix[i + 1] = decEnergyPrefix[i] + v * v;
        }
        energyPrefix[0] = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            historyWide[i] = v;
            energyPrefix[i + 1] = energyPrefix[i] + v * v;
        }
    }

    /** Normalised correlation of the newest decimated window with each lag's, into {@link #coarse}. */
    private void coarseCorrelation() {
        int start = DEC_LENGTH - DEC_WINDOW;
        double e0 = decEnergyPrefix[DEC_LENGTH] - decEnergyPrefix[start];
        for (int lag = DEC_MIN_LAG - 1; lag <= DEC_MAX_LAG + 1; lag++) {
            double num = kernel.dot(whitened, start, start - lag, DEC_WINDOW);
            double el = decEnergyPrefix[DEC_LENGTH - lag] - decEnergyPrefix[start - lag];
            coarse[lag] = (float) normalise(num, e0, el);
        }
    }

    /**
     * The octave check: a coarse peak at lag T with correlation {@code corr} becomes the peak near
     * T/k (largest k first, up to {@value #MAX_SUBMULTIPLE}) when the coarse correlation there, and
     * its mean over the peaks near every multiple m T/k &lt; T, both reach
     * {@link #SUBMULTIPLE_RATIO} times {@code corr}.
     *
     * @return the decimated lag to refine ({@code lag} itself when no submultiple qualifies)
     */
    private int octaveChecked(int lag, float corr) {
        for (int k = MAX_SUBMULTIPLE; k >= 2; k--) {
            int sub = Math.round((float) lag / k);
            if (sub - 1 < DEC_MIN_LAG) {
                continue;
            }
            int best = peakNear(sub);
            double mean = 0;
            for (int m = 1; m < k; m++) {
                mean += coarse[peakNear(Math.round((float) m * lag / k))];
            }
            mean /= k - 1;
            if (coarse[best] >= SUBMULTIPLE_RATIO * corr && mean >= SUBMULTIPLE_RATIO * corr) {
                return best;
            }
        }
        return lag;
    }

    /**
     * Low-pass filters and decimates the newest hop of {@code x} into the end of
     * {@link #decimated}. Four outputs are summed side by side, each in its own running sum and
     * in the same order as one at a time, so the additions of different outputs overlap without
     * changing any result. {@link #DEC_HOP} is a multiple of 4.
     */
    private void decimateNewestHop(float[] x, int n) {
        int out = DEC_LENGTH - DEC_HOP;
        for (int m = 0; m < DEC_HOP; m += 4) {
            int i = n - FrameFormat.HOP + DECIMATION * m + (DECIMATION - 1);
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            for (int t = 0; t < FIR_TAPS; t++) {
                float h = FIR[t];
                a0 += h * x[i - t];
                a1 += h * x[i + DECIMATION - t];
                a2 += h * x[i + 2 * DECIMATION - t];
                a3 += h * x[i + 3 * DECIMATION - t];
            }
            decimated[out + m] = (float) a0;
            decimated[out + m + 1] = (float) a1;
            decimated[out + m + 2] = (float) a2;
            decimated[out + m + 3] = (float) a3;
        }
    }

    /**
     * Spectral whitening of the decimated buffer with an order-{@link #LPC_ORDER} LPC inverse
     * filter (autocorrelation method, Levinson-Durbin, 60 Hz Gaussian lag window, -40 dB
     * white-noise correction, bandwidth expansion 0.9), as the Opus/RNNoise pitch analysis does:
     * without it, noise concentrated at low frequencies (babble, hum, traffic) dominates the
     * normalised correlation and hides the harmonics of the voice.
     */
    private void whiten() {
        autocorrelate();
        for (int lag = 0; lag <= LPC_ORDER; lag++) {
            double f = 2 * Math.PI * 60.0 * lag / (FrameFormat.SAMPLE_RATE / DECIMATION);
            autocorr[lag] *= Math.exp(-0.5 * f * f);
        }
        autocorr[0] *= 1.0001;
        java.util.Arrays.fill(lpc, 0);
        double err = autocorr[0];
        if (err > 1e-20) {
            for (int i = 0; i < LPC_ORDER; i++) {
                double r = -autocorr[i + 1];
                for (int j = 0; j < i; j++) {
                    r -= lpc[j] * autocorr[i - j];
                }
                r /= err;
                lpcTmp[i] = r;
                for (int j = 0; j < i; j++) {
                    lpcTmp[j] = lpc[j] + r * lpc[i - 1 - j];
                }
                System.arraycopy(lpcTmp, 0, lpc, 0, i + 1);
                err *= 1 - r * r;
                if (err < 1e-4 * autocorr[0]) {
                    break;
                }
            }
        }
        double g = 1;
        for (int j = 0; j < LPC_ORDER; j++) {
            g *= 0.9;
            lpc[j] *= g;
        }
        for (int i = 0; i < DEC_LENGTH; i++) {
            double acc = decimated[i];
            for (int j = 0; j < LPC_ORDER && i - 1 - j >= 0; j++) {
                acc += lpc[j] * decimated[i - 1 - j];
            }
            whitened[i] = (float) acc;
        }
    }

    /**
     * autocorr[lag] = sum_{i = lag}^{DEC_LENGTH - 1} d[i] d[i - lag] for lag 0..8 (d the decimated
     * buffer), all nine sums side by side in one pass, each adding its terms in increasing i as a
     * sum of its own would (so the results are those of nine separate loops).
     */
    private void autocorrelate() {
        float[] d = decimated;
        java.util.Arrays.fill(autocorr, 0);
        for (int i = 0; i < LPC_ORDER; i++) {
            for (int lag = 0; lag <= i; lag++) {
                autocorr[lag] += d[i] * (double) d[i - lag];
            }
        }
        double r0 = autocorr[0];
        double r1 = autocorr[1];
        double r2 = autocorr[2];
        double r3 = autocorr[3];
        double r4 = autocorr[4];
        double r5 = autocorr[5];
        double r6 = autocorr[6];
        double r7 = autocorr[7];
        double r8 = 0;
        for (int i = LPC_ORDER; i < DEC_LENGTH; i++) {
            double v = d[i];
            r0 += v * d[i];
            r1 += v * d[i - 1];
            r2 += v * d[i - 2];
            r3 += v * d[i - 3];
            r4 += v * d[i - 4];
            r5 += v * d[i - 5];
            r6 += v * d[i - 6];
            r7 += v * d[i - 7];
            r8 += v * d[i - 8];
        }
        autocorr[0] = r0;
        autocorr[1] = r1;
        autocorr[2] = r2;
        autocorr[3] = r3;
        autocorr[4] = r4;
        autocorr[5] = r5;
        autocorr[6] = r6;
        autocorr[7] = r7;
        autocorr[8] = r8;
    }

    /** The lag with the highest coarse correlation among lag-1, lag, lag+1. */
    private int peakNear(int lag) {
        int best = lag;
        if (coarse[lag - 1] > coarse[best]) {
            best = lag - 1;
        }
        if (coarse[lag + 1] > coarse[best]) {
            best = lag + 1;
        }
        return best;
    }

    private static double normalise(double num, double e0, double el) {
        double d = e0 * el;
        if (d <= 1e-20) {
            return 0;
        }
        return num / Math.sqrt(d);
    }

    /** Keeps the MAX_CANDIDATES best coarse peaks, sorted by correlation (periods = lags here). */
    private void insertCoarse(int lag, float c) {
        int pos = count;
        if (count == MAX_CANDIDATES) {
            if (c <= correlations[MAX_CANDIDATES - 1]) {
                return;
            }
            pos = MAX_CANDIDATES - 1;
        } else {
            count++;
        }
        while (pos > 0 && correlations[pos - 1] < c) {
            periods[pos] = periods[pos - 1];
            correlations[pos] = correlations[pos - 1];
            pos--;
        }
        periods[pos] = lag;
        correlations[pos] = c;
    }

    /**
     * Writes the refined candidate into slot {@code count} unless an equal period (+/- 2) was
     * already kept; slots at and above {@code from} still hold unrefined coarse entries, so
     * writing at {@code count <= from} never overwrites one that is still to be read.
     */
    private void addDistinct(int from, int period, float corr) {
        for (int j = 0; j < count; j++) {
            if (Math.abs(periods[j] - period) <= 2) {
                if (corr > correlations[j]) {
                    periods[j] = period;
                    correlations[j] = corr;
                }
                return;
            }
        }
        assert count <= from;
        periods[count] = period;
        correlations[count] = corr;
        count++;
    }

    /** Period with the best full-rate normalised correlation in centre +/- radius (within range). */
    private void refine(int centre, int radius) {
        int n = historyLength;
        int start = n - WINDOW;
        double e0 = energyPrefix[n] - energyPrefix[start];
        int lo = Math.max(FrameFormat.MIN_PERIOD, centre - radius);
        int hi = Math.min(FrameFormat.MAX_PERIOD, centre + radius);
        double best = -2;
        int bestT = lo;
        for (int t = lo; t <= hi; t++) {
            double num = kernel.dot(historyWide, start, start - t, WINDOW);
            double el = energyPrefix[n - t] - energyPrefix[start - t];
            double c = normalise(num, e0, el);
            if (c > best) {
                best = c;
                bestT = t;
            }
        }
        refinedPeriod = bestT;
    }

    /** @return number of candidates found for the last frame (1..MAX_CANDIDATES) */
    public int count() {
        return count;
    }

    /**
     * @param i candidate index, 0..count()-1
     * @return candidate period in samples at 48 kHz, 60..768
     */
    public int period(int i) {
        return periods[i];
    }

    /**
     * @param i candidate index, 0..count()-1
     * @return its normalised correlation at full rate, 0..1
     */
    public float correlation(int i) {
        return correlations[i];
    }

    /** Clears the decimation history. */
    public void reset() {
        java.util.Arrays.fill(decimated, 0f);
        count = 0;
    }
}
