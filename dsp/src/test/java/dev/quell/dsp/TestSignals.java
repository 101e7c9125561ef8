package dev.quell.dsp;

import java.util.Random;

/** Synthetic test signals at 48 kHz. */
final class TestSignals {
    private TestSignals() {
    }

    static float[] whiteNoise(int n, double rms, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * rms);
        }
        return x;
    }

    /**
     * A voiced, speech-like harmonic signal: harmonics up to 4 kHz with a -6 dB/octave tilt and
     * random phases, at a pitch f0(t) given per sample.
     */
    static float[] harmonic(double[] f0, long seed) {
        Random r = new Random(seed);
        int harmonics = 60;
        double[] phase = new double[harmonics + 1];
        for (int h = 1; h <= harmonics; h++) {
            phase[h] = 2 * Math.PI * r.nextDouble();
        }
        float[] x = new float[f0.length];
        double base = 0;
        for (int i = 0; i < f0.length; i++) {
            base += 2 * Math.PI * f0[i] / FrameFormat.SAMPLE_RATE;
            double v = 0;
            for (int h = 1; h <= harmonics && h * f0[i] < 4000; h++) {
                v += Math.sin(h * base + phase[h]) / h;
            }
            x[i] = (float) v;
        }
        return x;
    }

    /** Constant pitch with a slow +/- 3 % vibrato. */
    static double[] pitchContour(int n, double f0) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = f0 * (1 + 0.03 * Math.sin(2 * Math.PI * 3.0 * i / FrameFormat.SAMPLE_RATE));
        }
        return f;
    }

    /**
     * Babble-like noise: twelve talkers with random, independently wandering pitches (90-300 Hz),
     * each amplitude-modulated at syllable rate (3-5 Hz, active about half the time), plus a
     * little white noise. With twelve voices no single talker dominates for long, as in
     * recorded cafeteria babble.
     */
    static float[] babble(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int talker = 0; talker < 12; talker++) {
            double f = 90 + 210 * r.nextDouble();
            double[] contour = new double[n];
            double drift = 0;
            for (int i = 0; i < n; i++) {
                if (i % 480 == 0) {
                    drift = 0.9 * drift + 0.02 * r.nextGaussian();
                }
                contour[i] = f * Math.exp(drift);
            }
            float[] voice = harmonic(contour, r.nextLong());
            double rate = 3 + 2 * r.nextDouble();
            double ph = 2 * Math.PI * r.nextDouble();
            for (int i = 0; i < n; i++) {
                double env = Math.max(0, Math.sin(2 * Math.PI * rate * i / FrameFormat.SAMPLE_RATE + ph));
                out[i] += (float) (voice[i] * env);
            }
        }
        float[] w = whiteNoise(n, rms(out) * 0.1, seed + 1);
        for (int i = 0; i < n; i++) {
            out[i] += w[i];
        }
        return out;
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * (double) v;
        }
        return Math.sqrt(s / x.length);
    }

    /** Returns a + b scaled so that rms(a)/rms(scaled b) = 10^(snrDb/20). */
    static float[] mix(float[] a, float[] b, double snrDb) {
        double g = rms(a) / rms(b) / Math.pow(10, snrDb / 20);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] + g * b[i]);
        }
        return out;
    }

    /**
     * Heap bytes allocated per call of {@code body} on this thread, after a warm-up: the minimum
     * over five measured rounds (a round can catch one-off JIT or MXBean bookkeeping).
     */
    static double bytesPerCall(Runnable body, int warmup, int calls) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < calls; i++) {
                body.run();
            }
            best = Math.min(best, allocatedBytes() - before);
        }
        return best / (double) calls;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
