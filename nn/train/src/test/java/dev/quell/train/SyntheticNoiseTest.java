package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticNoiseTest {
    private static final int N = 48_000;

    /** Every class, on mixed seeds so that first draws differ (java.util.Random's are the same for neighbouring seeds). */
    @Test
    void everyClassIsFiniteAudibleAndDeterministic() {
        for (long seed = 0; seed < 16; seed++) {
            long mixed = new SplittableRandom(seed).nextLong();
            float[][] all = allClasses(mixed);
            float[][] again = allClasses(mixed);
            for (int k = 0; k < all.length; k++) {
                assertArrayEquals(all[k], again[k]);
                double e = 0;
                for (float v : all[k]) {
                    assertTrue(Float.isFinite(v));
                    e += v * v;
                }
                assertTrue(e > 0, "class " + k + " seed " + seed + " is silent");
            }
        }
    }

    /** One noise of every class for a seed: 1-4 s, the impulsive ones long enough to hold events. */
    private static float[][] allClasses(long seed) {
        List<float[]> clicks = List.of(new float[] {0.5f, -0.25f, 0.1f});
        return new float[][] {SyntheticNoise.pitched(new Random(seed), N), SyntheticNoise.hum(new Random(seed), N),
            SyntheticNoise.impulses(new Random(seed), 4 * N), SyntheticNoise.typing(new Random(seed), N, clicks),
            SyntheticNoise.tonalEvents(new Random(seed), N), SyntheticNoise.crackle(new Random(seed), 2 * N),
            SyntheticNoise.rumble(new Random(seed), N), SyntheticNoise.noiseChirps(new Random(seed), 2 * N),
            SyntheticNoise.alarm(new Random(seed), 2 * N), SyntheticNoise.openingOffset(new Random(seed), 4 * N),
            SyntheticNoise.hiss(new Random(seed), 2 * N)};
    }

    /**
     * An opening offset starts at full height at the first sample, falls monotonically with a time
     * constant of 0.05-1 s (the samples at one time constant lie at 1/e), lies below speech (a 60 Hz
     * high-pass keeps less than 5 % of its energy; the step itself is broadband) and takes both signs.
     */
    @Test
    void openingOffsetStartsAtTheFirstSampleAndSettles() {
        java.util.Set<Float> signs = new java.util.HashSet<>();
        for (long seed = 0; seed < 16; seed++) {
            long mixed = new SplittableRandom(seed).nextLong();
            float[] x = SyntheticNoise.openingOffset(new Random(mixed), 4 * N);
            assertEquals(1f, Math.abs(x[0]), 1e-6f, "seed " + seed);
            signs.add(Math.signum(x[0]));
            int tau = 0;
            for (int i = 1; i < x.length; i++) {
                assertTrue(Math.abs(x[i]) <= Math.abs(x[i - 1]), "seed " + seed + ": rises at " + i);
                if (tau == 0 && Math.abs(x[i]) <= Math.exp(-1)) {
                    tau = i;
                }
            }
            assertTrue(tau >= 0.05 * N - 1 && tau <= 1.0 * N + 1, "seed " + seed + ": time constant " + tau + " samples");
            float[] high = x.clone();
            MixtureGenerator.highPass(high, 60, N);
            assertTrue(energy(high) < 0.05 * energy(x), "seed " + seed + ": " + energy(high) / energy(x) + " above 60 Hz");
        }
        assertEquals(2, signs.size());
    }

    @Test
    void humIsAtMainsFrequency() {
        float[] x = SyntheticNoise.hum(new Random(5), N);
        double best = 0;
        double bestF = 0;
        for (double f = 40; f <= 70; f += 0.5) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < N; i++) {
                re += x[i] * Math.cos(2 * Math.PI * f * i / N);
                im += x[i] * Math.sin(2 * Math.PI * f * i / N);
            }
            if (re * re + im * im > best) {
                best = re * re + im * im;
                bestF = f;
            }
        }
        assertTrue(Math.abs(bestF - 50) <= 1 || Math.abs(bestF - 60) <= 1, "strongest line at " + bestF + " Hz");
    }

    @Test
    void tonalEventsAreHighAndComeAndGo() {
        int withGaps = 0;
        for (long seed = 0; seed < 12; seed++) {
            float[] x = SyntheticNoise.tonalEvents(new Random(seed), N);
            // four one-pole low-passes at 300 Hz: -23 dB at the lowest carrier, 500 Hz
            double a = Math.exp(-2 * Math.PI * 300.0 / N);
            double[] y = new double[4];
            double low = 0;
            double all = 0;
            for (float v : x) {
                double in = v;
                for (int k = 0; k < 4; k++) {
                    y[k] = (1 - a) * in + a * y[k];
                    in = y[k];
                }
                low += in * in;
                all += v * v;
            }
            assertTrue(low < 0.05 * all, "seed " + seed + ": " + 100 * low / all + " % of the energy below 300 Hz");
            withGaps += silentFrames(x) >= x.length / 480 / 10 ? 1 : 0;
        }
        // only the continuous insect trills (30 % of one kind in three) have no silent 10 ms frames
        assertTrue(withGaps >= 8, withGaps + " of 12 have gaps");
    }

    /** Crackle is impulsive (kurtosis far above Gaussian noise's 3), has no rumble, and half or more come in episodes. */
    @Test
    void crackleIsImpulsiveHighPassedAndOftenInEpisodes() {
        int withGaps = 0;
        for (long seed = 0; seed < 12; seed++) {
            float[] x = SyntheticNoise.crackle(new Random(seed), 2 * N);
            double s2 = 0;
            double s4 = 0;
            for (float v : x) {
                s2 += v * (double) v;
                s4 += Math.pow(v, 4);
            }
            double kurtosis = s4 / x.length / Math.pow(s2 / x.length, 2);
            assertTrue(kurtosis > 10, "seed " + seed + ": kurtosis " + kurtosis);
            // a DFT bin at 20 Hz over the whole signal against the mean energy per bin (Parseval: s2)
            double re = 0;
            double im = 0;
            for (int i = 0; i < x.length; i++) {
                re += x[i] * Math.cos(2 * Math.PI * 20.0 * i / N);
                im += x[i] * Math.sin(2 * Math.PI * 20.0 * i / N);
            }
            double at20 = (re * re + im * im) / s2;
            assertTrue(at20 < 0.1, "seed " + seed + ": energy at 20 Hz, " + at20 + " of the mean");
            withGaps += silentFrames(x) >= 10 ? 1 : 0;
        }
        assertTrue(withGaps >= 4 && withGaps <= 11, withGaps + " of 12 have silent gaps (60 % come in episodes)");
    }

    /** Rumble lies below speech: a 150 Hz high-pass keeps less than 5 % of its energy, in each of its kinds. */
    @Test
    void rumbleLiesBelowSpeech() {
        java.util.Set<Integer> kinds = new java.util.HashSet<>();
        for (long seed = 0; seed < 16; seed++) {
            // mixed seeds: java.util.Random's first draw (the kind) is the same for neighbouring seeds
            long mixed = new SplittableRandom(seed).nextLong();
            kinds.add(new Random(mixed).nextInt(4));
            float[] x = SyntheticNoise.rumble(new Random(mixed), N);
            float[] high = x.clone();
            MixtureGenerator.highPass(high, 150, N);
            MixtureGenerator.highPass(high, 150, N);
            double all = energy(x);
            double above = energy(high);
            assertTrue(all > 0 && above < 0.05 * all, "seed " + seed + ": " + above / all + " of the energy above 150 Hz");
        }
        assertEquals(4, kinds.size(), "kinds drawn: " + kinds);
    }

    /**
     * Noise chirps lie in their band (a 1.5 kHz low-pass keeps less than 2 % of the energy; the
     * lowest band edge is 2.4 kHz) and come and go (a tenth of the 10 ms frames or more are silent).
     */
    @Test
    void noiseChirpsAreHighAndComeAndGo() {
        assertHighAndGated(SyntheticNoise::noiseChirps, 1500, 2 * N / 480 / 10);
    }

    /** Alarms beep: none has energy below its 400 Hz lowest drive, and each has silent 10 ms frames between beeps. */
    @Test
    void alarmsBeepAboveTheirLowestDrive() {
        assertHighAndGated(SyntheticNoise::alarm, 200, 5);
    }

    /** For 12 mixed seeds, 2 s of noise: a low-pass at cutoffHz keeps under 2 % of its energy, and minSilent 10 ms frames or more are silent. */
    private static void assertHighAndGated(java.util.function.BiFunction<Random, Integer, float[]> noise, double cutoffHz,
                                           int minSilent) {
        for (long seed = 0; seed < 12; seed++) {
            float[] x = noise.apply(new Random(new SplittableRandom(seed).nextLong()), 2 * N);
            float[] low = x.clone();
            MixtureGenerator.lowPass(low, cutoffHz, N);
            double all = energy(x);
            assertTrue(all > 0 && energy(low) < 0.02 * all, "seed " + seed + ": " + energy(low) / all + " below " + cutoffHz + " Hz");
            assertTrue(silentFrames(x) >= minSilent, "seed " + seed + ": " + silentFrames(x) + " silent frames");
        }
    }

    /**
     * Hiss lies above the body of a voice: a low-pass at 1 kHz keeps under 2 % of its energy (its
     * corner is at least 2 kHz), and its spectrum reaches 16 kHz for every corner (at most 12 kHz):
     * the 15-17 kHz band holds over 1 % of it. Pulsed envelopes occur (silent 10 ms frames in at
     * least 3 of 24 noises), and most noises are unbroken (steady or swaying: at least 12 of 24).
     */
    @Test
    void hissIsHighAndSteadyPulsedOrSwaying() {
        int pulsed = 0;
        int unbroken = 0;
        for (long seed = 0; seed < 24; seed++) {
            float[] x = SyntheticNoise.hiss(new Random(new SplittableRandom(seed).nextLong()), N);
            float[] low = x.clone();
            MixtureGenerator.lowPass(low, 1000, N);
            float[] top = x.clone();
            MixtureGenerator.highPass(top, 15_000, N);
            MixtureGenerator.highPass(top, 15_000, N);
            MixtureGenerator.lowPass(top, 17_000, N);
            double all = energy(x);
            assertTrue(energy(low) < 0.02 * all, "seed " + seed + ": " + energy(low) / all + " below 1 kHz");
            assertTrue(energy(top) > 0.01 * all, "seed " + seed + ": " + energy(top) / all + " at 15-17 kHz");
            if (silentFrames(x) > 0) {
                pulsed++;
            } else {
                unbroken++;
            }
        }
        assertTrue(pulsed >= 3 && unbroken >= 12, pulsed + " pulsed, " + unbroken + " unbroken");
    }

    /**
     * A clock alarm's shape: a pulse-train drive at 2.05 kHz under a 4.1 kHz resonance of Q 5
     * makes 4.1 kHz (harmonic 2) the strongest partial, at Q/2; a square drive has the same odd
     * harmonics and no even ones. Without resonance (far above), amplitudes fall as 1/h.
     */
    @Test
    void alarmPartialsFollowTheResonance() {
        double[] pulse = SyntheticNoise.alarmPartials(2050, false, 4100, 5);
        assertEquals(9, pulse.length - 1, "harmonics below 20 kHz");
        for (int h = 1; h < pulse.length; h++) {
            assertTrue(h == 2 || pulse[h] < pulse[2], "harmonic " + h + " above harmonic 2");
        }
        assertEquals(5 / 2.0, pulse[2], 1e-9, "Q/h at the resonance");
        double[] square = SyntheticNoise.alarmPartials(2050, true, 4100, 5);
        for (int h = 1; h < square.length; h++) {
            assertEquals(h % 2 == 0 ? 0 : pulse[h], square[h], "harmonic " + h);
        }
        double[] flat = SyntheticNoise.alarmPartials(500, false, 1e9, 1);
        for (int h = 1; h < flat.length; h++) {
            assertEquals(1.0 / h, flat[h], 1e-6);
        }
    }

    private static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += v * (double) v;
        }
        return e;
    }

    /** The number of 10 ms frames (480 samples) more than 60 dB below the loudest one. */
    private static int silentFrames(float[] x) {
        double[] frame = new double[x.length / 480];
        double loudest = 0;
        for (int f = 0; f < frame.length; f++) {
            for (int i = 0; i < 480; i++) {
                frame[f] += x[f * 480 + i] * x[f * 480 + i];
            }
            loudest = Math.max(loudest, frame[f]);
        }
        int silent = 0;
        for (double e : frame) {
            silent += e < 1e-6 * loudest ? 1 : 0;
        }
        return silent;
    }

    @Test
    void typingNeedsClicks() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticNoise.typing(new Random(1), N, List.of()));
        float[] t = SyntheticNoise.typing(new Random(1), N, List.of(new float[] {1f}));
        int keys = 0;
        for (float v : t) {
            keys += v != 0 ? 1 : 0;
        }
        // 80-350 ms between keys (with pauses): 2 to 20 keys in a second
        assertTrue(keys >= 2 && keys <= 20, keys + " keys");
        assertEquals(N, t.length);
    }
}
