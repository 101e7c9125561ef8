package dev.quell.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {
    static List<int[]> ratePairs() {
        List<int[]> pairs = new ArrayList<>();
        for (int r : new int[] {8000, 16000, 22050, 24000, 32000, 44100, 88200, 96000}) {
            pairs.add(new int[] {r, 48000});
            pairs.add(new int[] {48000, r});
        }
        return pairs;
    }

    private static float[] tone(double f, int rate, double seconds) {
        int n = (int) (rate * seconds);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * f * i / rate);
        }
        return x;
    }

    /** Least-squares fit of a sinusoid at f on y[from..to): returns {amplitude, residual rms}. */
    private static double[] fit(float[] y, double f, int rate, int from, int to) {
        double ss = 0;
        double sc = 0;
        double cc = 0;
        double ys = 0;
        double yc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * f * i / rate);
            double c = Math.cos(2 * Math.PI * f * i / rate);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double res = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * f * i / rate);
            double c = Math.cos(2 * Math.PI * f * i / rate);
            double d = y[i] - a * s - b * c;
            res += d * d;
        }
        return new double[] {Math.hypot(a, b), Math.sqrt(res / (to - from))};
    }

    @ParameterizedTest
    @MethodSource("ratePairs")
    void passbandRippleBelowATenthOfADecibelAndImagesBelowMinus90dB(int[] rates) {
        int in = rates[0];
        int out = rates[1];
        double fMin = Math.min(in, out);
        double worstRipple = 0;
        double worstResidual = -300;
        for (double frac : new double[] {0.005, 0.05, 0.15, 0.25, 0.33, 0.4, 0.43, 0.45}) {
            double f = frac * fMin;
            float[] y = Resampler.resample(tone(f, in, 0.5), in, out);
            double[] fitted = fit(y, f, out, y.length / 5, 4 * y.length / 5);
            worstRipple = Math.max(worstRipple, Math.abs(20 * Math.log10(fitted[0])));
            worstResidual = Math.max(worstResidual, 20 * Math.log10(fitted[1] / (1 / Math.sqrt(2))));
        }
        assertTrue(worstRipple < 0.1, in + "->" + out + " passband ripple " + worstRipple + " dB");
        assertTrue(worstResidual < -90, in + "->" + out + " aliasing/imaging residual " + worstResidual + " dB");
    }

    @ParameterizedTest
    @MethodSource("ratePairs")
    void componentsAboveTheOutputNyquistAreRejectedByNinetyDecibels(int[] rates) {
        int in = rates[0];
        int out = rates[1];
        if (out >= in) {
            return; // upsampling: nothing in the input lies above the output Nyquist (see images test)
        }
        double worst = -300;
        for (double f = 0.5 * out + 25; f < 0.5 * in; f += (0.5 * in - 0.5 * out) / 7) {
            float[] y = Resampler.resample(tone(f, in, 0.5), in, out);
            double s = 0;
            for (int i = y.length / 5; i < 4 * y.length / 5; i++) {
                s += y[i] * (double) y[i];
            }
            double rms = Math.sqrt(s / (3 * y.length / 5.0));
            worst = Math.max(worst, 20 * Math.log10(rms / (1 / Math.sqrt(2))));
        }
        assertTrue(worst < -90, in + "->" + out + " alias level " + worst + " dB");
    }

    @ParameterizedTest
    @MethodSource("ratePairs")
    void delayIsTheDocumentedIntegerNumberOfOutputSamples(int[] rates) {
        int in = rates[0];
        int out = rates[1];
        Resampler r = new Resampler(in, out);
        int g = java.math.BigInteger.valueOf(in).gcd(java.math.BigInteger.valueOf(out)).intValue();
        int down = in / g;
        int up = out / g;
        int impulseAt = 10 * down; // lands exactly on output sample 10 * up
        float[] x = new float[impulseAt + 20 * in / 1000 + 4 * r.delay() * in / out + 100];
        x[impulseAt] = 1f;
        float[] y = new float[r.maxOutput(x.length)];
        int n = 0;
        // feed in uneven chunks to exercise streaming
        int pos = 0;
        int[] chunks = {1, 7, 480, 13, 4096, 333};
        for (int c = 0; pos < x.length; c++) {
            int len = Math.min(chunks[c % chunks.length], x.length - pos);
            n += r.process(x, pos, len, y, n);
            pos += len;
        }
        int peak = 0;
        for (int i = 1; i < n; i++) {
            if (Math.abs(y[i]) > Math.abs(y[peak])) {
                peak = i;
            }
        }
        assertEquals(10 * up + r.delay(), peak, in + "->" + out);
    }
}
