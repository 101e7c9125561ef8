package dev.quell.train;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Measures how far up a recording's spectrum really reaches, so that a file is used as a fullband
 * target only if it is one (model-v2 issue, item 1; DATA-SOURCES.md: "fullband" = the long-term
 * spectrum stays within 50 dB of its peak above 12 kHz).
 *
 * <p>Long-term average spectrum (LTAS): Welch average of Hann-windowed 2048-point power spectra,
 * hop 1024 (Welch 1967). The <em>edge</em> is the highest frequency whose LTAS is within
 * {@value #EDGE_RANGE_DB} dB of the LTAS peak; the LTAS is first smoothed over 9 bins so that a
 * single tone or the codec's last band does not decide it. Bins below 50 Hz are ignored (DC, rumble).
 * The 99 % frequency is the frequency below which 99 % of the energy lies, as the data pack's
 * manifest column {@code bandwidth_hz}.
 */
public final class BandwidthProbe {
    /** The level range below the LTAS peak that still counts as content, dB. */
    public static final double EDGE_RANGE_DB = 50;
    private static final int N = 2048;

    /**
     * The measurement.
     *
     * @param edgeHz highest frequency within {@value #EDGE_RANGE_DB} dB of the LTAS peak, Hz
     *     (0 for a silent file)
     * @param energy99Hz frequency below which 99 % of the energy lies, Hz (0 for a silent file)
     */
    public record Bandwidth(double edgeHz, double energy99Hz) {
    }

    private BandwidthProbe() {
    }

    /**
     * Measures one signal.
     *
     * @param x samples, any length (shorter than 2048 samples is zero-padded)
     * @param sampleRate sample rate, Hz, positive
     * @return the edge and the 99 % frequency
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static Bandwidth measure(float[] x, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz");
        }
        double[] ltas = ltas(x);
        int bins = ltas.length;
        double binHz = (double) sampleRate / N;
        int first = (int) Math.ceil(50 / binHz);
        double[] smooth = new double[bins];
        for (int k = 0; k < bins; k++) {
            double s = 0;
            int c = 0;
            for (int j = Math.max(0, k - 4); j <= Math.min(bins - 1, k + 4); j++) {
                s += ltas[j];
                c++;
            }
            smooth[k] = s / c;
        }
        double peak = 0;
        double total = 0;
        for (int k = first; k < bins; k++) {
            peak = Math.max(peak, smooth[k]);
            total += ltas[k];
        }
        if (peak <= 0 || total <= 0) {
            return new Bandwidth(0, 0);
        }
        double floor = peak * Math.pow(10, -EDGE_RANGE_DB / 10);
        int edge = first;
        for (int k = bins - 1; k >= first; k--) {
            if (smooth[k] >= floor) {
                edge = k;
                break;
            }
        }
        double acc = 0;
        int k99 = bins - 1;
        for (int k = first; k < bins; k++) {
            acc += ltas[k];
            if (acc >= 0.99 * total) {
                k99 = k;
                break;
            }
        }
        return new Bandwidth(edge * binHz, k99 * binHz);
    }

    /** Welch LTAS, N/2 + 1 bins. */
    private static double[] ltas(float[] x) {
        double[] window = new double[N];
        for (int i = 0; i < N; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(N);
        double[] buf = new double[N];
        double[] sum = new double[N / 2 + 1];
        int frames = 0;
        for (int start = 0; start == 0 || start + N <= x.length; start += N / 2) {
            for (int i = 0; i < N; i++) {
                int j = start + i;
                buf[i] = j < x.length ? x[j] * window[i] : 0;
            }
            fft.realForward(buf);
            sum[0] += buf[0] * buf[0];
            sum[N / 2] += buf[1] * buf[1];
            for (int k = 1; k < N / 2; k++) {
                sum[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            frames++;
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= frames;
        }
        return sum;
    }
}
