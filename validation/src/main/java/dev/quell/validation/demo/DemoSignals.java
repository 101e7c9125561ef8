package dev.quell.validation.demo;

import java.util.Random;

/**
 * The bundled default input: a deterministic, synthetic speech-like clean signal and a noisy
 * version of it, generated at 48 kHz so that the main job runs without the data pack.
 *
 * <p>Clean "speech" is a source-filter imitation of syllables: a glottal-like harmonic source
 * (harmonics with a -12 dB/octave tilt, f0 gliding between 95 and 230 Hz with jitter) through
 * three formant resonators (vowels /a/, /i/, /u/, /e/, /o/ with textbook formant frequencies,
 * Peterson &amp; Barney 1952), alternated with short fricative-like noise bursts (high-passed
 * noise) and pauses. Noise is a mix of pink-ish noise, a 100 Hz hum with harmonics and
 * babble-like modulated harmonic voices, scaled to a given SNR over the whole signal.
 */
public final class DemoSignals {
    private static final int RATE = 48_000;
    private static final double[][] VOWELS = {
        {730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {570, 840, 2410},
    };

    private DemoSignals() {
    }

    /**
     * Synthesises the clean signal.
     *
     * @param seconds duration in seconds
     * @param seed random seed (the same seed gives the same samples)
     * @return samples at 48 kHz, peak about 0.5
     */
    public static float[] clean(double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        int pos = (int) (0.3 * RATE);
        double[] phase = {0};
        while (pos < n - RATE / 4) {
            if (r.nextBoolean()) { // fricative onset half of the time
                pos += addFricative(x, pos, r);
            }
            pos += addVowel(x, pos, r, phase);
            if (r.nextInt(3) == 0) {
                pos += (int) ((0.1 + 0.25 * r.nextDouble()) * RATE);
            }
        }
        return x;
    }

    /**
     * Adds 50-110 ms of differentiated white noise under a half-sine envelope at x[pos..].
     *
     * @return its length, samples
     */
    private static int addFricative(float[] x, int pos, Random r) {
        int len = (int) ((0.05 + 0.06 * r.nextDouble()) * RATE);
        double prev = 0;
        for (int i = 0; i < len && pos + i < x.length; i++) {
            double w = r.nextGaussian();
            double hp = w - prev;
            prev = w;
            double env = Math.sin(Math.PI * i / len);
            x[pos + i] += (float) (0.04 * hp * env);
        }
        return len;
    }

    /**
     * Adds a 120-320 ms vowel at x[pos..]: a harmonic source (f0 gliding within 95-270 Hz, jittered,
     * harmonics up to 8 kHz at 1/h²) through the formant resonators of one vowel, peak 0.5, 20 ms ramps.
     *
     * @param phase the source's phase, radians, carried from one vowel to the next (updated)
     * @return its length, samples
     */
    private static int addVowel(float[] x, int pos, Random r, double[] phase) {
        int len = (int) ((0.12 + 0.2 * r.nextDouble()) * RATE);
        double[] f = VOWELS[r.nextInt(VOWELS.length)];
        double f0a = 95 + 135 * r.nextDouble();
        double f0b = f0a * (0.8 + 0.4 * r.nextDouble());
        float[] src = new float[len];
        for (int i = 0; i < len; i++) {
            double f0 = f0a + (f0b - f0a) * i / len;
            f0 *= 1 + 0.004 * r.nextGaussian();
            phase[0] += 2 * Math.PI * f0 / RATE;
            double v = 0;
            for (int h = 1; h * f0 < 8000; h++) {
                v += Math.sin(h * phase[0]) / (h * h);
            }
            src[i] = (float) v;
        }
        float[] voiced = src;
        for (double formant : f) {
            voiced = resonate(voiced, formant, 80 + formant * 0.06);
        }
        double peak = 1e-9;
        for (float v : voiced) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < len && pos + i < x.length; i++) {
            double env = Math.min(1, Math.min(i, len - i) / (0.02 * RATE));
            x[pos + i] += (float) (0.5 * voiced[i] / peak * env);
        }
        return len;
    }

    /** Two-pole resonator at centre frequency fc (Hz) with bandwidth bw (Hz), unity gain at fc. */
    private static float[] resonate(float[] x, double fc, double bw) {
        double rr = Math.exp(-Math.PI * bw / RATE);
        double a1 = 2 * rr * Math.cos(2 * Math.PI * fc / RATE);
        double a2 = -rr * rr;
        double g = 1 - rr;
        float[] y = new float[x.length];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = g * x[i] + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = v;
            y[i] = (float) v;
        }
        return y;
    }

    /**
     * Synthesises the noise: pink-ish noise, mains hum and distant babble.
     *
     * @param n number of samples at 48 kHz
     * @param seed random seed
     * @return noise samples
     */
    public static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460; // Kellet's economy pink filter
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            double pink = (b0 + b1 + b2 + w * 0.1848) * 0.1;
            double hum = 0.02 * (Math.sin(2 * Math.PI * 100 * i / RATE) + 0.5 * Math.sin(2 * Math.PI * 300 * i / RATE));
            out[i] = (float) (pink + hum);
        }
        for (int talker = 0; talker < 5; talker++) {
            float[] voice = clean(n / (double) RATE, seed + 17 + talker);
            int shift = r.nextInt(RATE);
            for (int i = 0; i < n; i++) {
                out[i] += 0.15f * voice[(i + shift) % n];
            }
        }
        return out;
    }

    /**
     * Mixes speech and noise at an SNR measured over the whole signal.
     *
     * @param clean speech
     * @param noise noise, same length
     * @param snrDb SNR in dB
     * @return clean + scaled noise
     */
    public static float[] mix(float[] clean, float[] noise, double snrDb) {
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < clean.length; i++) {
            ps += clean[i] * (double) clean[i];
            pn += noise[i] * (double) noise[i];
        }
        double g = Math.sqrt(ps / pn / Math.pow(10, snrDb / 10));
        float[] y = new float[clean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (clean[i] + g * noise[i]);
        }
        return y;
    }
}
