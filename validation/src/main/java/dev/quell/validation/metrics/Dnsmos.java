package dev.quell.validation.metrics;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.quell.dsp.resample.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * DNSMOS, the non-intrusive speech-quality estimator of the DNS Challenge (Reddy, Gopal, Cutler,
 * "DNSMOS P.835", ICASSP 2022; "DNSMOS", ICASSP 2021), running Microsoft's ONNX models
 * ({@code sig_bak_ovr.onnx}, {@code model_v8.onnx}; CC BY 4.0, loaded by path, never bundled) with
 * ONNX Runtime, preprocessed as Microsoft's {@code dnsmos_local.py}:
 * <ul>
 *   <li>16 kHz audio (Quell's resampler for other rates); a clip shorter than 9.01 s is appended
 *       to itself until long enough; windows of 9.01 s (144,160 samples) hop by 1 s,
 *       num_hops = floor(len / 16000 - 9.01) + 1;</li>
 *   <li>P.835: raw samples of each window; per-window polynomial calibration of SIG, BAK, OVRL;</li>
 *   <li>P.808: 120-band log-mel of the window minus its last 160 samples: periodic Hann window and
 *       FFT of 321 samples, hop 160, centred frames with reflect padding (900 frames), power
 *       spectrum, Slaney mel scale and normalisation (as librosa), power_to_db with ref = max and
 *       top_db = 80, then (x + 40) / 40;</li>
 *   <li>clip scores are the means over windows.</li>
 * </ul>
 * Not thread-safe (one ONNX session pair per instance); {@link #close()} releases it.
 */
public final class Dnsmos implements AutoCloseable {
    /** Rate the models expect, Hz. */
    public static final int RATE = 16_000;
    private static final int WINDOW = 144_160;
    private static final int N_FFT = 321;
    private static final int HOP = 160;
    private static final int MELS = 120;
    private static final int BINS = N_FFT / 2 + 1;

    /**
     * Clip scores.
     *
     * @param sigRaw raw P.835 SIG
     * @param bakRaw raw P.835 BAK
     * @param ovrlRaw raw P.835 OVRL
     * @param sig calibrated SIG (1..5)
     * @param bak calibrated BAK (1..5)
     * @param ovrl calibrated OVRL (1..5)
     * @param p808 P.808 MOS
     * @param windows number of 9.01 s windows averaged
     */
    public record Scores(double sigRaw, double bakRaw, double ovrlRaw, double sig, double bak, double ovrl,
                         double p808, int windows) {
    }

    private final OrtEnvironment env;
    private final OrtSession p835;
    private final OrtSession p808;
    private final double[][] melFilters = melFilterBank();
    private final double[] window = new double[N_FFT];
    private final double[] cos = new double[N_FFT];
    private final double[] sin = new double[N_FFT];

    /**
     * @param modelDir folder with sig_bak_ovr.onnx and model_v8.onnx
     * @throws IOException if a model file is missing or cannot be loaded (message names it)
     */
    public Dnsmos(Path modelDir) throws IOException {
        Path a = modelDir.resolve("sig_bak_ovr.onnx");
        Path b = modelDir.resolve("model_v8.onnx");
        for (Path p : new Path[] {a, b}) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("DNSMOS model not found: " + p);
            }
        }
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            p835 = env.createSession(a.toString(), opts);
            p808 = env.createSession(b.toString(), opts);
        } catch (OrtException e) {
            throw new IOException("cannot load DNSMOS models from " + modelDir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < N_FFT; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N_FFT); // periodic Hann (scipy fftbins=True)
            cos[i] = Math.cos(2 * Math.PI * i / N_FFT);
            sin[i] = Math.sin(2 * Math.PI * i / N_FFT);
        }
    }

    /**
     * @param audio mono samples (full scale 1.0)
     * @param sampleRate their rate in Hz
     * @return clip scores
     * @throws IOException if inference fails
     */
    public Scores score(float[] audio, int sampleRate) throws IOException {
        float[] x = Resampler.resample(audio, sampleRate, RATE);
        if (x.length == 0) {
            throw new IllegalArgumentException("empty audio");
        }
        while (x.length < WINDOW) {
            float[] y = new float[2 * x.length];
            System.arraycopy(x, 0, y, 0, x.length);
            System.arraycopy(x, 0, y, x.length, x.length);
            x = y;
        }
        int hops = (int) (Math.floor(x.length / (double) RATE) - 9.01) + 1;
        double[] sum = new double[7];
        int used = 0;
        try {
            for (int h = 0; h < hops; h++) {
                int start = h * RATE;
                if (start + WINDOW > x.length) {
                    continue;
                }
                float[] seg = java.util.Arrays.copyOfRange(x, start, start + WINDOW);
                float[] raw;
                try (OnnxTensor t = OnnxTensor.createTensor(env, new float[][] {seg});
                     OrtSession.Result r = p835.run(Map.of("input_1", t))) {
                    raw = ((float[][]) r.get(0).getValue())[0];
                }
                float[][][] mel = new float[][][] {logMel(seg, WINDOW - HOP)};
                float mos;
                try (OnnxTensor t = OnnxTensor.createTensor(env, mel);
                     OrtSession.Result r = p808.run(Map.of("input_1", t))) {
                    mos = ((float[][]) r.get(0).getValue())[0][0];
                }
                double s = raw[0];
                double b = raw[1];
                double o = raw[2];
                sum[0] += s;
                sum[1] += b;
                sum[2] += o;
                sum[3] += -0.08397278 * s * s + 1.22083953 * s + 0.0052439;
                sum[4] += -0.13166888 * b * b + 1.60915514 * b - 0.39604546;
                sum[5] += -0.06766283 * o * o + 1.11546468 * o + 0.04602535;
                sum[6] += mos;
                used++;
            }
        } catch (OrtException e) {
            throw new IOException("DNSMOS inference failed: " + e.getMessage(), e);
        }
        return new Scores(sum[0] / used, sum[1] / used, sum[2] / used, sum[3] / used, sum[4] / used,
                sum[5] / used, sum[6] / used, used);
    }

    /** librosa-compatible log-mel of x[0..n), [frame][mel]. */
    private float[][] logMel(float[] x, int n) {
        int pad = N_FFT / 2;
        int frames = 1 + (n + 2 * pad - N_FFT) / HOP;
        double[][] mel = new double[frames][MELS];
        double[] frame = new double[N_FFT];
        double[] power = new double[BINS];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            windowedFrame(x, n, f * HOP - pad, frame);
            powerSpectrum(frame, power);
            max = Math.max(max, melBands(power, mel[f]));
        }
        return scaledDecibels(mel, max);
    }

    /** Fills frame with x[start..start+N_FFT) times the window, reflecting at both ends of x[0..n). */
    private void windowedFrame(float[] x, int n, int start, double[] frame) {
        for (int i = 0; i < N_FFT; i++) {
            int idx = start + i;
            if (idx < 0) {
                idx = -idx; // reflect padding (numpy 'reflect': the edge sample is not repeated)
            } else if (idx >= n) {
                idx = 2 * (n - 1) - idx;
            }
            frame[i] = x[idx] * window[i];
        }
    }

    /** |DFT|^2 of frame for bins 0..BINS-1, by the direct sum (the tables cos/sin hold one period). */
    private void powerSpectrum(double[] frame, double[] power) {
        for (int k = 0; k < BINS; k++) {
            double re = 0;
            double im = 0;
            int t = 0;
            for (int i = 0; i < N_FFT; i++) {
                re += frame[i] * cos[t];
                im -= frame[i] * sin[t];
                t += k;
                if (t >= N_FFT) {
                    t -= N_FFT;
                }
            }
            power[k] = re * re + im * im;
        }
    }

    /** @return the largest of the mel-band powers written to row (and 0) */
    private double melBands(double[] power, double[] row) {
        double max = 0;
        for (int m = 0; m < MELS; m++) {
            double s = 0;
            double[] w = melFilters[m];
            for (int k = 0; k < BINS; k++) {
                s += w[k] * power[k];
            }
            row[m] = s;
            max = Math.max(max, s);
        }
        return max;
    }

    /**
     * librosa's power_to_db(ref=max, top_db=80) of mel, in place, then DNSMOS's (dB + 40) / 40.
     *
     * @param max the largest power in mel
     */
    private static float[][] scaledDecibels(double[][] mel, double max) {
        double amin = 1e-10;
        double ref = 10 * Math.log10(Math.max(amin, max));
        double top = Double.NEGATIVE_INFINITY;
        for (double[] row : mel) {
            for (int m = 0; m < MELS; m++) {
                row[m] = 10 * Math.log10(Math.max(amin, row[m])) - ref;
                top = Math.max(top, row[m]);
            }
        }
        float[][] out = new float[mel.length][MELS];
        for (int f = 0; f < mel.length; f++) {
            for (int m = 0; m < MELS; m++) {
                out[f][m] = (float) ((Math.max(mel[f][m], top - 80) + 40) / 40);
            }
        }
        return out;
    }

    private static double hzToMel(double hz) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27;
        return hz < minLogHz ? hz / fSp : minLogMel + Math.log(hz / minLogHz) / logStep;
    }

    private static double melToHz(double mel) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27;
        return mel < minLogMel ? mel * fSp : minLogHz * Math.exp(logStep * (mel - minLogMel));
    }

    /** Slaney-scale, Slaney-normalised triangular mel filters (librosa.filters.mel, htk=False). */
    private static double[][] melFilterBank() {
        double[] fft = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            // librosa before 0.10 (which the reference scores come from) spaces the bin frequencies
            // as linspace(0, sr/2, 1 + n_fft // 2); for the odd n_fft = 321 that is 50 Hz, not
            // sr / n_fft = 49.84 Hz. With sr / n_fft, P.808 scores were off by up to 0.17.
            fft[k] = k * (RATE / 2.0) / (BINS - 1);
        }
        double lo = hzToMel(0);
        double hi = hzToMel(RATE / 2.0);
        double[] melF = new double[MELS + 2];
        for (int i = 0; i < MELS + 2; i++) {
            melF[i] = melToHz(lo + (hi - lo) * i / (MELS + 1));
        }
        double[][] w = new double[MELS][BINS];
        for (int m = 0; m < MELS; m++) {
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < BINS; k++) {
                double lower = (fft[k] - melF[m]) / (melF[m + 1] - melF[m]);
                double upper = (melF[m + 2] - fft[k]) / (melF[m + 2] - melF[m + 1]);
                w[m][k] = Math.max(0, Math.min(lower, upper)) * enorm;
            }
        }
        return w;
    }

    @Override
    public void close() throws IOException {
        try {
            p835.close();
            p808.close();
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
