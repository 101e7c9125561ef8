package dev.quell.train;

import java.util.List;
import java.util.Random;

/**
 * Noise made on the fly for the classes the network fails on (model-v2 issue, item 3): pitched
 * non-speech sounds (whines, buzzes, sirens, engines), mains hum, impulsive clicks and knocks,
 * and typing built from recorded key clicks. All at 48 kHz, deterministic for a given
 * {@link Random} state, at an arbitrary level (the mixer normalises).
 */
public final class SyntheticNoise {
    private static final int RATE = 48_000;

    private SyntheticNoise() {
    }

    /**
     * A harmonic tone: fundamental 80-1000 Hz (log-uniform), harmonics up to 12 kHz with a slope
     * of -3 to -15 dB per octave (odd harmonics only in a third of them: buzz), vibrato 0-3 % at
     * 3-8 Hz, and either a glide (the fundamental moves by a factor 0.5-2 over the segment), a
     * siren (a sinusoidal sweep of +/-30 % at 0.2-1 Hz) or a steady pitch; slow amplitude
     * modulation of 0-6 dB (engines).
     *
     * @param r random source
     * @param n length, samples
     * @return the tone
     */
    public static float[] pitched(Random r, int n) {
        double f0 = 80 * Math.pow(1000 / 80.0, r.nextDouble());
        double slopeDb = -3 - 12 * r.nextDouble();
        boolean oddOnly = r.nextDouble() < 1 / 3.0;
        double vibDepth = 0.03 * r.nextDouble();
        double vibRate = 3 + 5 * r.nextDouble();
        int motion = r.nextInt(3); // 0 steady, 1 glide, 2 siren
        double glide = Math.pow(4, r.nextDouble() - 0.5);
        double sirenRate = 0.2 + 0.8 * r.nextDouble();
        double sirenDepth = 0.3 * r.nextDouble();
        double amRate = 0.5 + 10 * r.nextDouble();
        double amDepth = 1 - Math.pow(10, -6 * r.nextDouble() / 20);
        int harmonics = (int) Math.min(60, 12_000 / (f0 * Math.max(glide, 1) * 1.3));
        double[] amp = new double[harmonics + 1];
        double[] phase = new double[harmonics + 1];
        for (int k = 1; k <= harmonics; k++) {
            amp[k] = (oddOnly && k % 2 == 0) ? 0 : Math.pow(10, slopeDb * Math.log(k) / Math.log(2) / 20)
                    * (0.7 + 0.6 * r.nextDouble());
            phase[k] = 2 * Math.PI * r.nextDouble();
        }
        float[] out = new float[n];
        double theta = 0;
        double vibPhase = 2 * Math.PI * r.nextDouble();
        double sirenPhase = 2 * Math.PI * r.nextDouble();
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double f = f0 * (1 + vibDepth * Math.sin(2 * Math.PI * vibRate * t + vibPhase));
            if (motion == 1) {
                f *= Math.pow(glide, (double) i / n);
            } else if (motion == 2) {
                f *= 1 + sirenDepth * Math.sin(2 * Math.PI * sirenRate * t + sirenPhase);
            }
            theta += 2 * Math.PI * f / RATE;
            double s = 0;
            for (int k = 1; k <= harmonics; k++) {
                if (amp[k] != 0 && k * f < 20_000) {
                    s += amp[k] * Math.sin(k * theta + phase[k]);
                }
            }
            out[i] = (float) (s * (1 - amDepth * 0.5 * (1 + Math.sin(2 * Math.PI * amRate * t))));
        }
        return out;
    }

    /**
     * Mains hum: 50 or 60 Hz (+/-0.5 %) with up to 20 harmonics of random level (-0 to -40 dB,
     * odd ones stronger, as from transformers and rectifiers), plus a weak broadband hiss.
     *
     * @param r random source
     * @param n length, samples
     * @return the hum
     */
    public static float[] hum(Random r, int n) {
        double f0 = (r.nextBoolean() ? 50 : 60) * (1 + 0.01 * (r.nextDouble() - 0.5));
        int harmonics = 1 + r.nextInt(20);
        double[] amp = new double[harmonics + 1];
        double[] phase = new double[harmonics + 1];
        for (int k = 1; k <= harmonics; k++) {
            double db = -40 * r.nextDouble() * (k % 2 == 1 ? 0.6 : 1);
            amp[k] = Math.pow(10, db / 20);
            phase[k] = 2 * Math.PI * r.nextDouble();
        }
        double hiss = Math.pow(10, (-50 - 20 * r.nextDouble()) / 20);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * f0 * i / RATE;
            double s = hiss * r.nextGaussian();
            for (int k = 1; k <= harmonics; k++) {
                s += amp[k] * Math.sin(k * w + phase[k]);
            }
            out[i] = (float) s;
        }
        return out;
    }

    /**
     * Impulsive noise: events at 0.3-5 per second (Poisson), each a knock (a decaying resonance
     * at 80-3000 Hz, decay 5-80 ms) or a click (a noise burst of 1-10 ms with a 2-30 ms decay),
     * levels spread over 20 dB.
     *
     * @param r random source
     * @param n length, samples
     * @return the clicks and knocks
     */
    public static float[] impulses(Random r, int n) {
        double rate = 0.3 * Math.pow(5 / 0.3, r.nextDouble());
        float[] out = new float[n];
        double t = -Math.log(1 - r.nextDouble()) / rate;
        while (t * RATE < n) {
            int start = (int) (t * RATE);
            double level = Math.pow(10, -20 * r.nextDouble() / 20);
            if (r.nextBoolean()) {
                double f = 80 * Math.pow(3000 / 80.0, r.nextDouble());
                double decay = 0.005 + 0.075 * r.nextDouble();
                double ph = 2 * Math.PI * r.nextDouble();
                for (int i = 0; start + i < n && i < 5 * decay * RATE; i++) {
                    double tt = (double) i / RATE;
                    out[start + i] += (float) (level * Math.exp(-tt / decay) * Math.sin(2 * Math.PI * f * tt + ph));
                }
            } else {
                double burst = 0.001 + 0.009 * r.nextDouble();
                double decay = 0.002 + 0.028 * r.nextDouble();
                for (int i = 0; start + i < n && i < (burst + 5 * decay) * RATE; i++) {
                    double tt = (double) i / RATE;
                    double env = tt < burst ? 1 : Math.exp(-(tt - burst) / decay);
                    out[start + i] += (float) (level * env * r.nextGaussian());
                }
            }
            t += -Math.log(1 - r.nextDouble()) / rate;
        }
        return out;
    }

    /**
     * Typing: recorded key clicks (each key's down and up sound) placed at typing rhythm, 80-350 ms
     * between keys, with a pause of 0.5-2 s after 5 % of the keys.
     *
     * @param r random source
     * @param n length, samples
     * @param clicks key click recordings at 48 kHz, at least one
     * @return the typing
     * @throws IllegalArgumentException if there are no clicks
     */
    public static float[] typing(Random r, int n, List<float[]> clicks) {
        if (clicks.isEmpty()) {
            throw new IllegalArgumentException("no key clicks");
        }
        float[] out = new float[n];
        double interval = 0.08 + 0.27 * r.nextDouble();
        int pos = (int) (r.nextDouble() * interval * RATE);
        while (pos < n) {
            float[] c = clicks.get(r.nextInt(clicks.size()));
            float g = (float) Math.pow(10, -6 * r.nextDouble() / 20);
            for (int i = 0; i < c.length && pos + i < n; i++) {
                out[pos + i] += g * c[i];
            }
            double gap = interval * (0.6 + 0.8 * r.nextDouble());
            if (r.nextDouble() < 0.05) {
                gap += 0.5 + 1.5 * r.nextDouble();
            }
            pos += (int) (gap * RATE);
        }
        return out;
    }
}
