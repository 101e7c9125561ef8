package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipe 4 draws speech per data folder, recipe 3 per clip; the noise classes per recipe. No audio is read. */
class RealWorldMixerTest {
    @TempDir
    Path dir;

    private Path folder(String name, int speechClips) throws IOException {
        return folder(name, speechClips, "");
    }

    private Path folder(String name, int speechClips, String extraRows) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        StringBuilder m = new StringBuilder(
                "path,split,kind,corpus,speaker_or_class,original_rate_hz,bandwidth_hz,source_limit_hz,duration_s,licence\n");
        for (int i = 0; i < speechClips; i++) {
            m.append("s").append(i).append(".flac,train,speech,").append(name).append(",v").append(i % 3)
                    .append(",48000,20000,24000,2.0,CC0\n");
        }
        m.append("n.flac,train,noise,").append(name).append(",rain,48000,20000,24000,5.0,CC0\n").append(extraRows);
        Files.writeString(f.resolve("manifest.csv"), m);
        return f;
    }

    private static double shareOfFirstFolder(RealWorldMixer mixer) {
        Random r = new Random(7);
        int first = 0;
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            if (mixer.speechClip(r).source() == 0) {
                first++;
            }
        }
        return (double) first / draws;
    }

    @Test
    void recipeFourDrawsEachFolderEquallyOftenWhateverItsClipCount() throws IOException {
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10), folder("debian", 90)));
        assertEquals(2, corpus.sourceCount());
        assertEquals(10, TrainingCorpus.fromSource(corpus.trainingSpeech(), 0).size());
        assertEquals(1, TrainingCorpus.fromSource(corpus.noise(), 1).size());
        double perClip = shareOfFirstFolder(new RealWorldMixer(corpus, 3));
        double perFolder = shareOfFirstFolder(new RealWorldMixer(corpus, 4));
        assertEquals(0.10, perClip, 0.02, "recipe 3: a folder's share follows its clip count");
        assertEquals(0.50, perFolder, 0.03, "recipe 4: each folder half of the draws");
        assertTrue(perFolder > 3 * perClip);
    }

    private static java.util.Map<RealWorldMixer.NoiseClass, Double> classShares(RealWorldMixer mixer) {
        java.util.Map<RealWorldMixer.NoiseClass, Double> shares = new java.util.EnumMap<>(RealWorldMixer.NoiseClass.class);
        Random r = new Random(11);
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            shares.merge(mixer.noiseClass(r), 1.0 / draws, Double::sum);
        }
        return shares;
    }

    /** Music is 10 % of the noises in recipe 4, 8 % in recipes 5, 7 and 8 and 25 % in recipe 6; the other shares as documented. */
    @Test
    void eachRecipeDrawsTheNoiseClassesInItsShares() throws IOException {
        String extra = "m.flac,train,noise,pack,music,48000,20000,24000,60.0,CC0\n"
                + "k.flac,train,noise,pack,keyboard,48000,20000,24000,1.0,CC0\n";
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10, extra)));
        assertEquals(1, corpus.music().size());
        assertEquals(1, corpus.keyClicks().size());
        double[][] expected = { // pitched, tonal events, hum, impulses, typing, music, recorded
            {0.14, 0, 0.06, 0.10, 0.15, 0.10, 0.45},
            {0.10, 0.10, 0.05, 0.09, 0.13, 0.08, 0.45},
            {0.08, 0.08, 0.04, 0.07, 0.10, 0.25, 0.38},
            {0.10, 0.10, 0.05, 0.09, 0.13, 0.08, 0.45},
            {0.10, 0.10, 0.05, 0.09, 0.13, 0.08, 0.45}};
        for (int recipe = 4; recipe <= 8; recipe++) {
            var shares = classShares(new RealWorldMixer(corpus, recipe));
            for (RealWorldMixer.NoiseClass c : RealWorldMixer.NoiseClass.values()) {
                assertEquals(expected[recipe - 4][c.ordinal()], shares.getOrDefault(c, 0.0), 0.01, "recipe " + recipe + ", " + c);
            }
        }
        TrainingCorpus noMusic = new TrainingCorpus(List.of(folder("plain", 10)));
        var shares = classShares(new RealWorldMixer(noMusic, 6));
        assertEquals(0.0, shares.getOrDefault(RealWorldMixer.NoiseClass.MUSIC, 0.0));
        assertEquals(0.0, shares.getOrDefault(RealWorldMixer.NoiseClass.TYPING, 0.0));
        assertEquals(0.38 + 0.25 + 0.10, shares.get(RealWorldMixer.NoiseClass.RECORDED), 0.01, "their shares go to recorded noise");
    }

    /** Recipes 7 and 8 delay the voice in half of the mixtures by 0.1-1.5 s; recipes 3-6 never. */
    @Test
    void onlyRecipeSevenHasALeadInAndItIsHalfTheMixtures() throws IOException {
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10)));
        for (int recipe = 3; recipe <= 6; recipe++) {
            RealWorldMixer mixer = new RealWorldMixer(corpus, recipe);
            for (long seed = 0; seed < 100; seed++) {
                assertEquals(0, mixer.leadInSamples(seed), "recipe " + recipe);
            }
        }
        RealWorldMixer seven = new RealWorldMixer(corpus, 7);
        int draws = 10_000;
        int delayed = 0;
        double sum = 0;
        for (long seed = 0; seed < draws; seed++) {
            int d = seven.leadInSamples(seed); // neighbouring seeds, as the examples of a shard
            assertEquals(d, seven.leadInSamples(seed), "deterministic");
            if (d > 0) {
                delayed++;
                sum += d / 48_000.0;
                assertTrue(d >= 0.1 * 48_000 - 1 && d <= 1.5 * 48_000, "lead-in " + d + " samples");
            }
        }
        assertEquals(0.5, (double) delayed / draws, 0.02);
        assertEquals(0.8, sum / delayed, 0.02, "uniform in 0.1-1.5 s");
        RealWorldMixer eight = new RealWorldMixer(corpus, 8);
        for (long seed = 0; seed < 100; seed++) {
            assertEquals(seven.leadInSamples(seed), eight.leadInSamples(seed), "recipe 8 keeps recipe 7's lead-in");
        }
    }

    /** Recipe 8 lays crackle over a quarter of the noises, deterministically, and keeps the noise at -25 dBFS; recipes 3-7 never. */
    @Test
    void recipesFromEightAddCrackleToAQuarterOfTheNoises() throws IOException {
        assertLayer(8, MixtureGenerator.LATEST_RECIPE, RealWorldMixer.CRACKLE_SHARE, RealWorldMixer.CRACKLE_SHARE,
                RealWorldMixer::addCrackle);
    }

    /**
     * Recipe 9 lays rumble over 30 % of the noises and recipe 10 over half, the same layer where
     * both do, deterministically, keeping the noise at -25 dBFS; recipes 3-8 never.
     */
    @Test
    void recipesNineAndTenAddRumble() throws IOException {
        assertEquals(0.3, RealWorldMixer.RUMBLE_SHARE);
        assertEquals(0.5, RealWorldMixer.RUMBLE_SHARE_10);
        assertLayer(9, 11, RealWorldMixer.RUMBLE_SHARE, RealWorldMixer.RUMBLE_SHARE_10, RealWorldMixer::addRumble);
    }

    /**
     * Recipe 12 lays recipe 11's rumble over the same mixtures, and in a fifth of them drops the
     * other noise first: there the result does not depend on the noise it is given and is the
     * rumble alone at -25 dBFS; elsewhere it is recipe 11's.
     */
    @Test
    void recipeTwelveMakesRumbleTheOnlyNoiseInAFifthOfItsMixtures() throws IOException {
        assertEquals(0.2, RealWorldMixer.RUMBLE_ALONE_SHARE);
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10)));
        RealWorldMixer eleven = new RealWorldMixer(corpus, 11);
        RealWorldMixer twelve = new RealWorldMixer(corpus, 12);
        int layered = 0;
        int alone = 0;
        for (long seed = 0; seed < 1000; seed++) {
            float[] noise = noise(seed, 4800);
            float[] other = noise(seed + 5000, 4800);
            float[] was = noise.clone();
            boolean added = eleven.addRumble(was, seed);
            float[] now = noise.clone();
            assertEquals(added, twelve.addRumble(now, seed), "seed " + seed);
            if (!added) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(noise, now, "seed " + seed);
                continue;
            }
            layered++;
            twelve.addRumble(other, seed);
            if (java.util.Arrays.equals(now, other)) {
                alone++;
                assertEquals(-25, 10 * Math.log10(meanSquare(now)), 0.01, "seed " + seed);
            } else {
                org.junit.jupiter.api.Assertions.assertArrayEquals(was, now, "seed " + seed + ": recipe 11's layer");
            }
        }
        assertEquals(0.2, (double) alone / layered, 0.04, alone + " of " + layered);
    }

    private static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        MixtureGenerator.normalise(x, -25);
        return x;
    }

    private static double meanSquare(float[] x) {
        double e = 0;
        for (float v : x) {
            e += v * (double) v;
        }
        return e / x.length;
    }

    /** Recipe 10 lays chirps or alarms over 20 % of the noises, deterministically, and keeps the noise at -25 dBFS; recipes 3-9 never. */
    @Test
    void recipeTenAddsChirpsToAFifthOfTheNoises() throws IOException {
        assertEquals(0.2, RealWorldMixer.CHIRP_SHARE);
        assertLayer(10, MixtureGenerator.LATEST_RECIPE, RealWorldMixer.CHIRP_SHARE, RealWorldMixer.CHIRP_SHARE,
                RealWorldMixer::addChirps);
    }

    /** Recipe 13 lays an opening offset over 15 % of the noises, deterministically, and keeps the noise at -25 dBFS; recipes 3-12 never. */
    @Test
    void recipeThirteenAddsAnOpeningOffsetToSomeNoises() throws IOException {
        assertEquals(0.15, RealWorldMixer.OFFSET_SHARE);
        assertLayer(13, MixtureGenerator.LATEST_RECIPE, RealWorldMixer.OFFSET_SHARE, RealWorldMixer.OFFSET_SHARE,
                RealWorldMixer::addOpeningOffset);
    }

    /** Recipe 14 lays hiss over a quarter of the noises, deterministically, and keeps the noise at -25 dBFS; recipes 3-13 never. */
    @Test
    void recipeFourteenAddsHissToAQuarterOfTheNoises() throws IOException {
        assertEquals(0.25, RealWorldMixer.HISS_SHARE);
        assertLayer(14, MixtureGenerator.LATEST_RECIPE, RealWorldMixer.HISS_SHARE, RealWorldMixer.HISS_SHARE,
                RealWorldMixer::addHiss);
    }

    /**
     * Recipe 15 replaces the noise of a fifth of the mixtures with music at -25 dBFS and an SNR
     * of -5..5 dB, deterministically; recipes 3-14, and a corpus without music, never.
     */
    @Test
    void recipeFifteenMakesAFifthOfTheNoisesLoudMusic() throws IOException {
        int n = 48_000;
        float[] tone = new float[2 * n];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
        }
        Path pack = folder("pack", 10, "m.wav,train,noise,pack,music,48000,20000,24000,2.0,CC0\n");
        dev.quell.dsp.io.WavWriter.write(pack.resolve("m.wav"), new dev.quell.dsp.io.AudioData(48_000,
                new float[][] {tone}, dev.quell.dsp.io.SampleFormat.FLOAT_32), dev.quell.dsp.io.SampleFormat.FLOAT_32);
        TrainingCorpus corpus = new TrainingCorpus(List.of(pack));
        assertEquals(1, corpus.music().size());
        assertEquals(0.2, RealWorldMixer.LOUD_MUSIC_SHARE);
        RealWorldMixer fourteen = new RealWorldMixer(corpus, 14);
        RealWorldMixer fifteen = new RealWorldMixer(corpus, 15);
        RealWorldMixer noMusic = new RealWorldMixer(new TrainingCorpus(List.of(folder("bare", 10))), 15);
        int draws = 400;
        int loud = 0;
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (long seed = 0; seed < draws; seed++) {
            float[] before = noise(seed, 9600);
            float[] noise = before.clone();
            assertTrue(fourteen.replaceWithLoudMusic(noise, seed).isEmpty(), "recipe 14, seed " + seed);
            assertTrue(noMusic.replaceWithLoudMusic(noise, seed).isEmpty(), "no music, seed " + seed);
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, noise);
            java.util.OptionalDouble snr = fifteen.replaceWithLoudMusic(noise, seed);
            assertEquals(snr.isPresent(), RealWorldMixer.drawsLoudMusic(seed), "the corpus-free draw, seed " + seed);
            if (snr.isEmpty()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(before, noise, "seed " + seed);
                continue;
            }
            loud++;
            lowest = Math.min(lowest, snr.getAsDouble());
            highest = Math.max(highest, snr.getAsDouble());
            float[] again = before.clone();
            assertEquals(snr, fifteen.replaceWithLoudMusic(again, seed), "seed " + seed);
            org.junit.jupiter.api.Assertions.assertArrayEquals(noise, again, "deterministic");
            assertEquals(Math.pow(10, -2.5), meanSquare(noise), 0.02 * Math.pow(10, -2.5), "seed " + seed);
            double withBefore = 0;
            for (int i = 0; i < noise.length; i++) {
                withBefore += noise[i] * (double) before[i];
            }
            assertTrue(Math.abs(withBefore / noise.length) < 0.1 * Math.pow(10, -2.5), "seed " + seed + ": the noise is gone");
        }
        assertEquals(RealWorldMixer.LOUD_MUSIC_SHARE, (double) loud / draws, 0.05, loud + " of " + draws);
        assertTrue(lowest >= -5 && lowest < -3 && highest <= 5 && highest > 3, lowest + ".." + highest + " dB");
    }

    /** A noise layer of a mixer: adds it to the noise in place for a seed, says whether it did. */
    private interface Layer {
        boolean add(RealWorldMixer mixer, float[] noise, long seed);
    }

    /**
     * Recipes below first never add the layer; first adds it to share of the noises and recipe
     * latest to latestShare (at least share; with an equal share, to the same mixtures), the same
     * layer wherever first adds one, and the noise stays at -25 dBFS.
     */
    private void assertLayer(int first, int latestRecipe, double share, double latestShare, Layer layer) throws IOException {
        TrainingCorpus corpus = new TrainingCorpus(List.of(folder("pack", 10)));
        for (int recipe = 3; recipe < first; recipe++) {
            float[] noise = {0.1f, -0.1f};
            assertTrue(!layer.add(new RealWorldMixer(corpus, recipe), noise, 3), "recipe " + recipe);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0.1f, -0.1f}, noise);
        }
        RealWorldMixer with = new RealWorldMixer(corpus, first);
        RealWorldMixer latest = new RealWorldMixer(corpus, latestRecipe);
        int draws = 400;
        int layered = 0;
        int layeredLatest = 0;
        for (long seed = 0; seed < draws; seed++) {
            float[] noise = noise(seed, 9600);
            float[] before = noise.clone();
            float[] again = noise.clone();
            boolean added = layer.add(with, noise, seed);
            boolean addedLatest = layer.add(latest, again, seed);
            assertTrue(!added || addedLatest, "seed " + seed + ": recipe " + first + "'s layer is kept by the latest recipe");
            if (latestShare == share) {
                assertEquals(added, addedLatest, "seed " + seed + ": the same share draws the same mixtures");
            }
            if (added) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(noise, again, "deterministic, and the same layer");
            }
            assertUnchangedOrAtLevel(before, noise, added);
            assertUnchangedOrAtLevel(before, again, addedLatest);
            layered += added ? 1 : 0;
            layeredLatest += addedLatest ? 1 : 0;
        }
        assertEquals(share, (double) layered / draws, 0.06);
        assertEquals(latestShare, (double) layeredLatest / draws, 0.06);
    }

    /** Without a layer the noise is untouched; with one it is at -25 dBFS, or untouched when the layer is still in its first quiet gap. */
    private static void assertUnchangedOrAtLevel(float[] before, float[] noise, boolean added) {
        if (!added) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, noise);
            return;
        }
        double rms = Math.sqrt(meanSquare(noise));
        assertTrue(java.util.Arrays.equals(before, noise) || Math.abs(20 * Math.log10(rms) + 25) < 0.01, "level " + rms);
    }

    @Test
    void delayShiftsTheSignalLaterAndLetsTheEndFallOff() {
        float[] x = {1, 2, 3, 4, 5};
        RealWorldMixer.delay(x, 2);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 1, 2, 3}, x);
        RealWorldMixer.delay(x, 9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[5], x);
        float[] y = {1, 2};
        RealWorldMixer.delay(y, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2}, y);
    }
}
