package dev.quell.train;

import java.util.List;
import java.util.Random;

/**
 * Noise made on the fly for the classes the network fails on (model-v2 issue, item 3): pitched
 * non-speech sounds (whines, buzzes, sirens, engines), high tonal events, chirps of band-limited
 * noise, alarms, mains hum, impulsive clicks and knocks, crackle, rumble, hiss, and typing built from
 * recorded key clicks. All at 48 kHz, deterministic for a
 * given {@link Random} state, at an arbitrary level (the mixer normalises).
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
     * High tonal signals that come and go (recipe 5): beeps and alarms (a steady or two-tone
     * carrier at 500-4000 Hz, on for 50-500 ms and off for 50-500 ms), insect trills (a 2-10 kHz
     * carrier pulsed at 20-200 Hz, in chirps of 50-300 ms or continuous) and bird-like chirps
     * (20-150 ms sweeps of a 1.5-8 kHz carrier by a factor 0.5-2, irregular gaps of 20-400 ms).
     * Each event has 1-4 harmonics (below 20 kHz, -6 to -20 dB per harmonic) and raised-cosine
     * edges of 1-5 ms. Why: the dev pairs' alarm, cricket, insect and freesound-573577 beeps are
     * where the model-v2 runs lose most against v1, and the pitched class above stops at 1 kHz.
     *
     * @param r random source
     * @param n length, samples
     * @return the tonal events
     */
    public static float[] tonalEvents(Random r, int n) {
        int kind = r.nextInt(3);
        double carrier = kind == 0 ? 500 * Math.pow(8, r.nextDouble())
                : kind == 1 ? 2000 * Math.pow(5, r.nextDouble()) : 1500 * Math.pow(8 / 1.5, r.nextDouble());
        double second = carrier * Math.pow(2, (r.nextDouble() - 0.5) * 0.8);
        boolean twoTone = kind == 0 && r.nextBoolean();
        double onS = kind == 0 ? 0.05 + 0.45 * r.nextDouble() : kind == 1 ? 0.05 + 0.25 * r.nextDouble() : 0.02;
        double offS = kind == 0 ? 0.05 + 0.45 * r.nextDouble() : kind == 1 ? 0.1 + 0.9 * r.nextDouble() : 0.02;
        boolean continuous = kind == 1 && r.nextDouble() < 0.3;
        double pulseHz = 20 + 180 * r.nextDouble();
        int harmonics = 1 + r.nextInt(4);
        double harmonicDb = -6 - 14 * r.nextDouble();
        double edge = 0.001 + 0.004 * r.nextDouble();
        float[] out = new float[n];
        double t = r.nextDouble() * offS;
        int event = 0;
        while (t * RATE < n) {
            double dur = continuous ? (double) n / RATE : kind == 2 ? 0.02 + 0.13 * r.nextDouble() : onS;
            double f = twoTone && event % 2 == 1 ? second : carrier * (kind == 0 ? 1 : Math.pow(2, 0.2 * (r.nextDouble() - 0.5)));
            double sweep = kind == 2 ? Math.pow(4, r.nextDouble() - 0.5) : 1;
            double level = kind == 0 ? 1 : Math.pow(10, -10 * r.nextDouble() / 20);
            addEvent(out, (int) (t * RATE), dur, f, sweep, kind == 1 ? pulseHz : 0, harmonics, harmonicDb, edge, level);
            t += dur + (kind == 2 ? 0.02 + 0.38 * r.nextDouble() : offS * (0.8 + 0.4 * r.nextDouble()));
            event++;
        }
        return out;
    }

    /** Adds one tonal event of dur seconds at start: frequency f moving to f·sweep, optionally pulsed at pulseHz. */
    private static void addEvent(float[] out, int start, double dur, double f, double sweep, double pulseHz,
                                 int harmonics, double harmonicDb, double edge, double level) {
        int len = (int) Math.min(dur * RATE, out.length - start);
        double theta = 0;
        for (int i = 0; i < len; i++) {
            double tt = (double) i / RATE;
            double fi = f * Math.pow(sweep, tt / dur);
            theta += 2 * Math.PI * fi / RATE;
            double env = raisedCosineEdges(tt, dur, edge);
            if (pulseHz > 0) {
                env *= 0.5 - 0.5 * Math.cos(2 * Math.PI * pulseHz * tt);
            }
            double s = 0;
            for (int k = 1; k <= harmonics && k * fi < 20_000; k++) {
                s += Math.pow(10, harmonicDb * (k - 1) / 20) * Math.sin(k * theta);
            }
            out[start + i] += (float) (level * env * s);
        }
    }

    /**
     * Chirps of band-limited noise, as from crickets and katydids: white noise gated into chirps
     * of 8-60 ms (raised-cosine edges of 2-5 ms, levels spread over 6 dB), one every 40-300 ms
     * (log-uniform, each interval jittered by +/-10 %), in half of them in groups of 2-6 chirps with
     * 0.2-1 s between groups (the first group within its first 0.2 s), then band-passed to a band
     * centred at 3-12 kHz (log-uniform) and 10-40 % of the centre wide (fourth-order Butterworth
     * edges: two second-order high-passes and a fourth-order low-pass, zero state). Why: on the dev
     * pair with crickets (ESC-50, band noise at 8.5-11 kHz in chirps of about 30 ms every 100 ms)
     * the v2 runs lose 5 dB of SI-SDR against v1 at 48 kHz, and {@link #tonalEvents} makes sine
     * carriers only ({@code docs/training-log.md}, sessions 20 and 21).
     *
     * @param r random source
     * @param n length, samples
     * @return the chirps, at an arbitrary level
     */
    public static float[] noiseChirps(Random r, int n) {
        double centre = 3000 * Math.pow(4, r.nextDouble());
        double width = centre * (0.1 + 0.3 * r.nextDouble());
        double period = 0.04 * Math.pow(7.5, r.nextDouble());
        double chirp = Math.max(0.008, Math.min(0.06, period * (0.2 + 0.4 * r.nextDouble())));
        double edge = Math.min(chirp / 2, 0.002 + 0.003 * r.nextDouble());
        boolean grouped = r.nextBoolean();
        int groupSize = 2 + r.nextInt(5);
        float[] out = new float[n];
        double t = r.nextDouble() * (grouped ? 0.2 : period);
        for (int k = 0; t * RATE < n; k++) {
            double level = Math.pow(10, -6 * r.nextDouble() / 20);
            int start = (int) (t * RATE);
            for (int i = 0; i < chirp * RATE && start + i < n; i++) {
                double tt = (double) i / RATE;
                out[start + i] = (float) (level * raisedCosineEdges(tt, chirp, edge) * r.nextGaussian());
            }
            t += period * (0.9 + 0.2 * r.nextDouble());
            if (grouped && k % groupSize == groupSize - 1) {
                t += 0.2 + 0.8 * r.nextDouble();
            }
        }
        MixtureGenerator.highPass(out, centre - width / 2, RATE);
        MixtureGenerator.highPass(out, centre - width / 2, RATE);
        MixtureGenerator.lowPass(out, Math.min(centre + width / 2, 0.45 * RATE), RATE);
        return out;
    }

    /**
     * Electronic alarms and buzzers (clock alarms, timers, reversing beepers): a drive at
     * 400-2500 Hz (log-uniform), a square wave (odd harmonics, amplitude 1/k) in half of them,
     * otherwise a pulse train (every harmonic, 1/k), through a resonance at 2-5 kHz (log-uniform,
     * Q 2-10), so that the strongest partial is often not the lowest, as in a piezo transducer
     * driven below its resonance; harmonics up to 20 kHz. Beeps of 30-300 ms with gaps of
     * 30-300 ms, in groups of 1-8 beeps with 0.3-1.5 s between groups (the first beep within its
     * first 0.3 s); edges of 0.5-3 ms. Why: on the dev pair with a clock alarm (ESC-50: 65 ms beeps
     * at 4.1 kHz with a weaker partial at 2.05 kHz) the v2 runs lose 2.6 dB against v1 at 48 kHz,
     * and {@link #tonalEvents} makes the lowest partial the strongest ({@code docs/training-log.md},
     * sessions 20 and 21).
     *
     * @param r random source
     * @param n length, samples
     * @return the beeps, at an arbitrary level
     */
    public static float[] alarm(Random r, int n) {
        double drive = 400 * Math.pow(2500 / 400.0, r.nextDouble());
        double[] amp = alarmPartials(drive, r.nextBoolean(), 2000 * Math.pow(2.5, r.nextDouble()), 2 + 8 * r.nextDouble());
        double on = 0.03 + 0.27 * r.nextDouble();
        double off = 0.03 + 0.27 * r.nextDouble();
        int groupSize = 1 + r.nextInt(8);
        double pause = 0.3 + 1.2 * r.nextDouble();
        double edge = 0.0005 + 0.0025 * r.nextDouble();
        float[] out = new float[n];
        double t = 0.3 * r.nextDouble();
        for (int k = 0; t * RATE < n; k++) {
            int start = (int) (t * RATE);
            for (int i = 0; i < on * RATE && start + i < n; i++) {
                double tt = (double) i / RATE;
                double env = raisedCosineEdges(tt, on, edge);
                double s = 0;
                for (int h = 1; h < amp.length; h++) {
                    s += amp[h] * Math.sin(2 * Math.PI * h * drive * tt);
                }
                out[start + i] = (float) (env * s);
            }
            t += on + (k % groupSize == groupSize - 1 ? pause : off);
        }
        return out;
    }

    /**
     * The partial amplitudes of {@link #alarm}: harmonic h of the drive (h from 1 while h·drive is
     * below 20 kHz) gets 1/h (0 for even h of a square wave) times the magnitude of a second-order
     * resonance, 1 / sqrt((1 - (f/fr)^2)^2 + (f/(fr·q))^2), which peaks at about q at fr.
     *
     * @param drive drive frequency, Hz, positive
     * @param square odd harmonics only
     * @param resonanceHz resonance frequency fr, Hz
     * @param q quality factor of the resonance, positive
     * @return linear amplitudes, index h (index 0 unused)
     */
    static double[] alarmPartials(double drive, boolean square, double resonanceHz, double q) {
        int harmonics = (int) Math.ceil(20_000 / drive) - 1;
        double[] amp = new double[harmonics + 1];
        for (int h = 1; h <= harmonics; h++) {
            double x = h * drive / resonanceHz;
            amp[h] = square && h % 2 == 0 ? 0 : 1.0 / h / Math.sqrt(Math.pow(1 - x * x, 2) + Math.pow(x / q, 2));
        }
        return amp;
    }

    /** The gain at tt seconds into an event of dur seconds: a raised-cosine rise and fall of edge seconds, 1 between. */
    private static double raisedCosineEdges(double tt, double dur, double edge) {
        double x = Math.min(1, Math.min(tt, dur - tt) / edge);
        return 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, x));
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
                ring(out, start, level, f, decay, 2 * Math.PI * r.nextDouble());
            } else {
                double burst = 0.001 + 0.009 * r.nextDouble();
                burst(out, start, level, burst, 0.002 + 0.028 * r.nextDouble(), r);
            }
            t += -Math.log(1 - r.nextDouble()) / rate;
        }
        return out;
    }

    /**
     * Crackle: dense trains of very short clicks, as from crumpled paper or plastic, a handled
     * cable, a crackling fire, frying or vinyl. Click energies follow a power law, P(E) ∝ E^-α with
     * α 1.3-1.7 (crackling noise: Sethna, Dahmen and Myers, Nature 410, 2001; crumpled paper:
     * Houle and Sethna, Phys. Rev. E 54, 1996), capped at 40 dB above the weakest. Clicks come at
     * 30-3000 per second (Poisson, log-uniform); each is a noise burst of 0.05-2 ms with a decay of
     * 0.1-3 ms or, for a share of 0-60 % of them, a ring at 1.5-12 kHz decaying in 0.2-2 ms (the
     * pings of crumpled plastic). In 60 % of them the clicks come in episodes of 0.1-1.5 s with
     * 0.2-3 s between, the first within the first second (crumpling, handling); otherwise
     * throughout, with the rate wandering by up to a factor 3 at 0.1-1 Hz (fire, frying, vinyl).
     * The whole train is high-passed at 100-3000 Hz (second order, log-uniform) and half of them
     * low-passed at 4-20 kHz (fourth order).
     *
     * @param r random source
     * @param n length, samples
     * @return the crackle
     */
    public static float[] crackle(Random r, int n) {
        double rate = 30 * Math.pow(100, r.nextDouble());
        double alpha = 1.3 + 0.4 * r.nextDouble();
        double ringShare = 0.6 * r.nextDouble();
        boolean episodes = r.nextDouble() < 0.6;
        double wanderHz = 0.1 + 0.9 * r.nextDouble();
        double wanderPhase = 2 * Math.PI * r.nextDouble();
        float[] out = new float[n];
        double t = episodes ? r.nextDouble() : 0;
        while (t * RATE < n) {
            double end = episodes ? t + 0.1 + 1.4 * r.nextDouble() : (double) n / RATE;
            while (t < end && t * RATE < n) {
                double now = episodes ? rate : rate * Math.pow(3, Math.sin(2 * Math.PI * wanderHz * t + wanderPhase));
                t += -Math.log(1 - r.nextDouble()) / now;
                if (t < end) {
                    double energy = Math.min(1e4, Math.pow(1 - r.nextDouble(), -1 / (alpha - 1)));
                    addClick(out, (int) (t * RATE), Math.sqrt(energy), r.nextDouble() < ringShare, r);
                }
            }
            t = end + 0.2 + 2.8 * r.nextDouble();
        }
        MixtureGenerator.highPass(out, 100 * Math.pow(30, r.nextDouble()), RATE);
        if (r.nextBoolean()) {
            MixtureGenerator.lowPass(out, 4000 * Math.pow(5, r.nextDouble()), RATE);
        }
        return out;
    }

    /** One crackle click at start: a decaying noise burst, or a decaying ring at 1.5-12 kHz. */
    private static void addClick(float[] out, int start, double amplitude, boolean ring, Random r) {
        if (ring) {
            double f = 1500 * Math.pow(8, r.nextDouble());
            double decay = 0.0002 + 0.0018 * r.nextDouble();
            ring(out, start, amplitude, f, decay, 2 * Math.PI * r.nextDouble());
        } else {
            double burst = 0.00005 * Math.pow(40, r.nextDouble());
            burst(out, start, amplitude, burst, 0.0001 + 0.0029 * r.nextDouble(), r);
        }
    }

    /** Adds a sine of f Hz at start, decaying exponentially with time constant decayS seconds, for 5 time constants. */
    private static void ring(float[] out, int start, double amplitude, double f, double decayS, double phase) {
        for (int i = 0; start + i < out.length && i < 5 * decayS * RATE; i++) {
            double tt = (double) i / RATE;
            out[start + i] += (float) (amplitude * Math.exp(-tt / decayS) * Math.sin(2 * Math.PI * f * tt + phase));
        }
    }

    /** Adds white noise at start: burstS seconds at full amplitude, then an exponential decay (time constant decayS) for 5 time constants. */
    private static void burst(float[] out, int start, double amplitude, double burstS, double decayS, Random r) {
        for (int i = 0; start + i < out.length && i < (burstS + 5 * decayS) * RATE; i++) {
            double tt = (double) i / RATE;
            double env = tt < burstS ? 1 : Math.exp(-(tt - burstS) / decayS);
            out[start + i] += (float) (amplitude * env * r.nextGaussian());
        }
    }

    /**
     * Rumble below speech, in one of four kinds drawn with equal odds: drift (Brownian noise
     * low-passed at 2-20 Hz: wind on a microphone, a settling DC servo), rumble (white noise
     * low-passed at 20-120 Hz: traffic, ventilation, a building), thumps (0.3-3 per second,
     * Poisson, each a decaying 8-60 Hz oscillation with a time constant of 20-200 ms and a level
     * spread over 20 dB: handling, footfalls, a knocked stand; the first within one mean interval)
     * or settling (1-3 steps of random sign at random moments, each decaying with a time constant
     * of 0.05-1 s, as after plugging in or a gain change, plus a weak drift). Low-pass filters are fourth-order
     * Butterworth, zero state. Why: v2 runs let such noise through entirely where v1 removes it
     * (freesound 573577, whose first 0.6 s are 90 % below 20 Hz, and speech with Brownian noise
     * low-passed at 10-60 Hz added; {@code docs/training-log.md}, session 20).
     *
     * @param r random source
     * @param n length, samples
     * @return the rumble, at an arbitrary level
     */
    public static float[] rumble(Random r, int n) {
        int kind = r.nextInt(4);
        float[] out = new float[n];
        if (kind == 0 || kind == 3) {
            double walk = 0;
            for (int i = 0; i < n; i++) {
                walk += r.nextGaussian();
                out[i] = (float) walk;
            }
            MixtureGenerator.lowPass(out, 2 * Math.pow(10, r.nextDouble()), RATE);
        } else if (kind == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) r.nextGaussian();
            }
            MixtureGenerator.lowPass(out, 20 * Math.pow(6, r.nextDouble()), RATE);
        } else {
            double rate = 0.3 * Math.pow(10, r.nextDouble());
            // the first within one mean interval, so that short segments are not silent
            for (double t = r.nextDouble() * Math.min(1 / rate, (double) n / RATE); t * RATE < n;
                    t += -Math.log(1 - r.nextDouble()) / rate) {
                double f = 8 * Math.pow(60 / 8.0, r.nextDouble());
                ring(out, (int) (t * RATE), Math.pow(10, -20 * r.nextDouble() / 20), f, 0.02 + 0.18 * r.nextDouble(), 0);
            }
        }
        if (kind == 3) {
            settle(out, r);
        }
        return out;
    }

    /**
     * An offset from the first sample, decaying: a jump of random sign at sample 0 that falls back
     * with a time constant of 0.05-1 s (log-uniform), the shape a DC offset or a step takes through
     * a first-order high-pass when a recording, a stream or a plugin starts. Why: with broadband
     * noise over it, run t14 passes such an offset whole in bands 0 and 1 for 0.75 s (gains
     * 0.7-1.0; v1 0.00-0.03), while the same step 0.8 s later, or without the broadband noise, is
     * removed; the settling steps of {@link #rumble} start at random moments, almost never at the
     * first sample ({@code docs/training-log.md}, session 22; dev pair freesound 573577 at -5 dB).
     *
     * @param r random source
     * @param n length, samples
     * @return the offset, peak 1 at sample 0
     */
    public static float[] openingOffset(Random r, int n) {
        float[] out = new float[n];
        double sign = r.nextBoolean() ? 1 : -1;
        double tau = 0.05 * Math.pow(20, r.nextDouble()) * RATE;
        for (int i = 0; i < n && i < 12 * tau; i++) {
            out[i] = (float) (sign * Math.exp(-i / tau));
        }
        return out;
    }

    /**
     * Hiss above the body of a voice: white noise high-passed at 2-12 kHz (log-uniform; two
     * second-order Butterworth sections, zero state), steady in half of them, otherwise with an
     * envelope of even odds: insect-like pulses (3-30 per second, on for 30-80 % of each period,
     * 2 ms raised-cosine edges) or a sway of up to +/-6 dB at 0.1-1 Hz (a fan, wind in leaves,
     * rain on a roof). Why: in speech frames run t12 passes about half of strong noise above the
     * voice (bands 26-29, 8.6-13.9 kHz: gains about 0.5 where the oracle gives 0.1-0.2, on the
     * crickets dev pair and on speech low-passed at 7.5 kHz with white noise above 8 kHz), and in
     * the speech frames of recipe 10's shards the median target gain of bands 26, 28 and 30 is
     * 0.98, 0.68 and 0.94: noise as strong as a voice's highs is rare in training
     * ({@code docs/training-log.md}, session 22).
     *
     * @param r random source
     * @param n length, samples
     * @return the hiss, at an arbitrary level
     */
    public static float[] hiss(Random r, int n) {
        double corner = 2000 * Math.pow(6, r.nextDouble());
        int kind = r.nextBoolean() ? 0 : 1 + r.nextInt(2);
        double rate = 3 * Math.pow(10, r.nextDouble());
        double duty = 0.3 + 0.5 * r.nextDouble();
        double swayHz = 0.1 * Math.pow(10, r.nextDouble());
        double swayDb = 6 * r.nextDouble();
        double phase = r.nextDouble();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double envelope = 1;
            if (kind == 1) {
                double period = 1 / rate;
                double tt = ((t / period + phase) % 1) * period;
                envelope = raisedCosineEdges(tt, duty * period, 0.002);
            } else if (kind == 2) {
                envelope = Math.pow(10, swayDb * Math.sin(2 * Math.PI * (swayHz * t + phase)) / 20);
            }
            out[i] = (float) (envelope * r.nextGaussian());
        }
        MixtureGenerator.highPass(out, corner, RATE);
        MixtureGenerator.highPass(out, corner, RATE);
        return out;
    }

    /** Adds 1-3 settling steps to a weak drift: each a jump of random sign decaying back with a time constant of 0.05-1 s. */
    private static void settle(float[] drift, Random r) {
        double rms = 1e-12;
        for (float v : drift) {
            rms += v * (double) v;
        }
        rms = Math.sqrt(rms / drift.length);
        int steps = 1 + r.nextInt(3);
        for (int s = 0; s < steps; s++) {
            int start = r.nextInt(drift.length);
            double height = rms * (10 + 20 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            double tau = 0.05 + 0.95 * r.nextDouble();
            for (int i = start; i < drift.length && i - start < 8 * tau * RATE; i++) {
                drift[i] += (float) (height * Math.exp(-(i - start) / (tau * RATE)));
            }
        }
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
