package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void fftConvolutionMatchesTheDirectSum() {
        Random r = new Random(1);
        float[] x = new float[1000];
        float[] h = new float[77];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) r.nextGaussian();
        }
        float[] y = Convolution.causal(x, h);
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int k = 0; k < h.length && k <= i; k++) {
                s += h[k] * x[i - k];
            }
            assertEquals(s, y[i], 1e-4);
        }
    }

    @Test
    void estimatedSnrOfAShardExampleFollowsTheMixingSnr(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        int n = 2 * FrameFormat.SAMPLE_RATE;
        Random r = new Random(4);
        float[] speech = new float[n];
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * i / 48_000.0);
            for (int h = 1; h < 12; h++) {
                speech[i] += (float) (env * Math.sin(2 * Math.PI * h * 160 * i / 48_000.0) / h);
            }
            noise[i] = (float) r.nextGaussian();
        }
        double ps = 0;
        double pn = 0;
        for (int i = 0; i < n; i++) {
            ps += speech[i] * speech[i];
            pn += noise[i] * noise[i];
        }
        float[] clean = speech.clone();
        for (int i = 0; i < n; i++) {
            clean[i] *= 0.05f;
        }
        java.util.List<TargetExtractor.Frames> examples = new java.util.ArrayList<>();
        double[] snrs = {-5, 5, 15};
        for (double snr : snrs) {
            float scale = (float) Math.sqrt(ps / pn / Math.pow(10, snr / 10));
            float[] noisy = new float[n];
            for (int i = 0; i < n; i++) {
                noisy[i] = 0.05f * (speech[i] + scale * noise[i]);
            }
            examples.add(TargetExtractor.extract(clean, noisy, 24_000, 2));
        }
        examples.add(TargetExtractor.extract(new float[n], noise, 24_000, 2)); // noise only
        Path shard = dir.resolve("shard-L2-00000.bin");
        ShardWriter.write(shard, examples, 2);
        ShardReader.Shard read = ShardReader.read(shard);
        double[] estimated = Train.estimatedSnrDb(read, Train.bandEnergies(read));
        for (int k = 0; k < snrs.length; k++) {
            // measured: it reads 1.6-2.3 dB below the mixing SNR here (whole-file, band-domain,
            // from the clipped target gains); what matters for sampling is the order
            assertTrue(estimated[k] > snrs[k] - 3 && estimated[k] < snrs[k], "example " + k + ": " + estimated[k]);
            if (k > 0) {
                assertTrue(estimated[k] > estimated[k - 1] + 8, "10 dB more SNR must read about 10 dB more");
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, estimated[3]);
    }

    @Test
    void cleanInputGivesUnityGainsAndSilentTargetGivesZeroGains() {
        Random r = new Random(2);
        float[] speechLike = new float[FrameFormat.SAMPLE_RATE];
        for (int i = 0; i < speechLike.length; i++) {
            speechLike[i] = (float) (0.1 * Math.sin(2 * Math.PI * 180 * i / 48_000.0) + 0.01 * r.nextGaussian());
        }
        TargetExtractor.Frames same = TargetExtractor.extract(speechLike, speechLike, 24_000, 2);
        assertEquals(100, same.features().length);
        for (int t = 5; t < 95; t++) {
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                assertEquals(1f, same.gains()[t][b], 1e-3, "frame " + t + " band " + b);
                assertEquals(0f, same.strengths()[t][b], 1e-6);
            }
        }
        TargetExtractor.Frames none = TargetExtractor.extract(new float[speechLike.length], speechLike, 24_000, 2);
        for (int t = 5; t < 95; t++) {
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                assertEquals(0f, none.gains()[t][b], 1e-6);
            }
        }
    }

    /** The corpus of ../shared/data; skips the test when the data is absent. */
    private static TrainingCorpus sharedCorpus() throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared/data not present");
        return new TrainingCorpus(data);
    }

    @Test
    void mixturesAreDeterministicAndUseOnlyTheTrainingSplit() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        assertTrue(corpus.speech().size() > 1000 && corpus.noise().size() > 100 && !corpus.rirs().isEmpty());
        assertTrue(corpus.speech().stream().noneMatch(c -> c.path().toString().contains("/dev/")));
        int differing = 0;
        java.util.List<float[]> recipe1 = new java.util.ArrayList<>();
        for (int recipe = 1; recipe <= MixtureGenerator.LATEST_RECIPE; recipe++) {
            MixtureGenerator gen = new MixtureGenerator(corpus, recipe);
            MixtureGenerator.Mixture a = gen.generate(42, 2.0);
            MixtureGenerator.Mixture b = gen.generate(42, 2.0);
            assertArrayEquals(a.noisy(), b.noisy());
            assertArrayEquals(a.clean(), b.clean());
            assertEquals(96_000, a.noisy().length);
            for (long seed = 0; seed < 20; seed++) {
                MixtureGenerator.Mixture m = gen.generate(seed, 1.0);
                assertEquals(48_000, m.noisy().length);
                assertEquals(48_000, m.clean().length);
                float peak = 0;
                for (float v : m.noisy()) {
                    assertTrue(Float.isFinite(v));
                    peak = Math.max(peak, Math.abs(v));
                }
                assertTrue(peak <= 1f, "peak " + peak);
                if (recipe == 1) {
                    recipe1.add(m.noisy());
                } else if (recipe == 2 && !java.util.Arrays.equals(m.noisy(), recipe1.get((int) seed))) {
                    differing++;
                }
            }
        }
        assertTrue(differing >= 10, "recipe 2 changed only " + differing + " of 20 mixtures");
        assertThrows(IllegalArgumentException.class, () -> new MixtureGenerator(corpus, MixtureGenerator.LATEST_RECIPE + 1));
    }

    /** Recipe 7's mixture k is recipe 5's with the voice delayed: identical without a lead-in, silent target during it. */
    @Test
    void recipeSevenIsRecipeFiveWithTheVoiceDelayed() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        MixtureGenerator five = new MixtureGenerator(corpus, 5);
        MixtureGenerator seven = new MixtureGenerator(corpus, 7);
        RealWorldMixer mixer = new RealWorldMixer(corpus, 7);
        int leadIns = 0;
        for (long seed = 0; seed < 12; seed++) {
            MixtureGenerator.Mixture a = five.generate(seed, 2.0);
            MixtureGenerator.Mixture b = seven.generate(seed, 2.0);
            int d = mixer.leadInSamples(seed);
            if (d == 0) {
                assertArrayEquals(a.noisy(), b.noisy(), "seed " + seed);
                assertArrayEquals(a.clean(), b.clean(), "seed " + seed);
                continue;
            }
            leadIns++;
            double before = 0;
            double all = 0;
            int quiet = Math.min(b.clean().length, d - 480); // 10 ms for the converters' pre-ringing
            for (int i = 0; i < b.clean().length; i++) {
                double e = b.clean()[i] * (double) b.clean()[i];
                all += e;
                if (i < quiet) {
                    before += e;
                }
            }
            assertTrue(before <= 1e-6 * all, "seed " + seed + ": target energy before the voice " + before + " of " + all);
            assertTrue(all == 0 || !java.util.Arrays.equals(a.clean(), b.clean()), "seed " + seed); // 8 % are noise alone
        }
        assertTrue(leadIns >= 3, "lead-ins in 12 mixtures: " + leadIns);
    }

    /** Recipe 8's mixture k is recipe 7's with crackle over the noise: identical without it, the same target with it. */
    @Test
    void recipeEightIsRecipeSevenWithCrackle() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer mixer = new RealWorldMixer(corpus, 8);
        assertLayeredRecipe(corpus, 7, 8, 0, seed -> mixer.addCrackle(new float[8], seed));
    }

    /** Recipe 9's mixture k is recipe 8's with rumble over the noise: identical without it, the same target with it. */
    @Test
    void recipeNineIsRecipeEightWithRumble() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer mixer = new RealWorldMixer(corpus, 9);
        assertLayeredRecipe(corpus, 8, 9, 0, seed -> mixer.addRumble(new float[8], seed));
    }

    /**
     * Recipe 10's mixture k is recipe 9's with chirps or alarms, or rumble where recipe 9 has none,
     * over the noise: identical without them, the same target with them.
     */
    @Test
    void recipeTenIsRecipeNineWithChirpsAndMoreRumble() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer ten = new RealWorldMixer(corpus, 10);
        RealWorldMixer nine = new RealWorldMixer(corpus, 9);
        // mixture 3 is speech alone (its input equals its target): nothing to lay a layer over
        assertLayeredRecipe(corpus, 9, 10, 1, seed -> ten.addChirps(new float[8], seed)
                || ten.addRumble(new float[8], seed) && !nine.addRumble(new float[8], seed));
    }

    /**
     * Recipe 11's mixture k is recipe 10's sample for sample with a band limit at least as high,
     * higher where the voice's source is narrower than the recording chain. On the pack, the bands
     * it newly trains are mostly noise the target lacks (median target gain below 0.05); with the
     * Debian voices some are weak speech above a voice's measured limit, with the oracle's gain.
     */
    @Test
    void recipeElevenTrainsTheBandsAboveTheVoiceThatTheChainPasses() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        MixtureGenerator ten = new MixtureGenerator(corpus, 10);
        MixtureGenerator eleven = new MixtureGenerator(corpus, 11);
        int raised = 0;
        java.util.List<Float> newlyTrained = new java.util.ArrayList<>();
        for (long seed = 0; seed < 16; seed++) {
            MixtureGenerator.Mixture a = ten.generate(seed, 2.0);
            MixtureGenerator.Mixture b = eleven.generate(seed, 2.0);
            assertArrayEquals(a.noisy(), b.noisy(), "seed " + seed);
            assertArrayEquals(a.clean(), b.clean(), "seed " + seed);
            assertTrue(b.bandLimitHz() >= a.bandLimitHz(), "seed " + seed);
            if (b.bandLimitHz() == a.bandLimitHz()) {
                continue;
            }
            raised++;
            TargetExtractor.Frames fa = TargetExtractor.extract(a.clean(), a.noisy(), a.bandLimitHz(), 2);
            TargetExtractor.Frames fb = TargetExtractor.extract(b.clean(), b.noisy(), b.bandLimitHz(), 2);
            for (int t = 0; t < fa.mask().length; t++) {
                for (int k = 0; k < fa.mask()[t].length; k++) {
                    assertTrue(fb.mask()[t][k] >= fa.mask()[t][k], "seed " + seed + ": a band trained by recipe 10 is not");
                    if (fb.mask()[t][k] > fa.mask()[t][k]) {
                        newlyTrained.add(fb.gains()[t][k]);
                    }
                }
            }
        }
        assertTrue(raised >= 3, "mixtures with a raised band limit in 16: " + raised);
        assertTrue(newlyTrained.size() >= 100, "newly trained band-frames: " + newlyTrained.size());
        java.util.Collections.sort(newlyTrained);
        float median = newlyTrained.get(newlyTrained.size() / 2);
        assertTrue(median < 0.05f, "median target gain of the newly trained bands: " + median);
    }

    /**
     * Recipe 12's mixture k is recipe 11's where its rumble is not alone, and has the same target
     * and another input where it is.
     */
    @Test
    void recipeTwelveIsRecipeElevenWithRumbleAloneInSomeMixtures() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer twelve = new RealWorldMixer(corpus, 12);
        assertLayeredRecipe(corpus, 11, 12, 0, seed -> {
            float[] a = {0.1f, -0.1f, 0.2f, 0f, 0.1f, -0.1f, 0.2f, 0f};
            float[] b = {-0.2f, 0.1f, 0.1f, 0.3f, -0.2f, 0.1f, 0.1f, 0.3f};
            return twelve.addRumble(a, seed) && twelve.addRumble(b, seed) && java.util.Arrays.equals(a, b);
        });
    }

    /** Recipe 13's mixture k is recipe 12's with an opening offset over the noise: identical without it, the same target with it. */
    @Test
    void recipeThirteenIsRecipeTwelveWithAnOpeningOffset() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer thirteen = new RealWorldMixer(corpus, 13);
        // mixture 3 is speech alone (its input equals its target): nothing to lay a layer over
        assertLayeredRecipe(corpus, 12, 13, 1, seed -> thirteen.addOpeningOffset(new float[8], seed));
    }

    /** Recipe 14's mixture k is recipe 13's with hiss over the noise: identical without it, the same target with it. */
    @Test
    void recipeFourteenIsRecipeThirteenWithHiss() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        RealWorldMixer fourteen = new RealWorldMixer(corpus, 14);
        assertLayeredRecipe(corpus, 13, 14, 0, seed -> fourteen.addHiss(new float[8], seed));
    }

    /** Recipe 15's mixture k is recipe 14's where it has no loud music, and has the same target where it has. */
    @Test
    void recipeFifteenIsRecipeFourteenWithLoudMusicInSome() throws IOException {
        TrainingCorpus corpus = sharedCorpus();
        assumeTrue(!corpus.music().isEmpty(), "no music in ../shared/data");
        RealWorldMixer fifteen = new RealWorldMixer(corpus, 15);
        assertLayeredRecipe(corpus, 14, 15, SPEECH_ALONE_WITH_LOUD_MUSIC,
                seed -> fifteen.loudMusicSnr(seed).isPresent());
    }

    /** How many of mixtures 0-15 with loud music in recipe 15 are speech alone (their noise dropped). */
    private static final int SPEECH_ALONE_WITH_LOUD_MUSIC = 0;

    /**
     * Mixtures 0-15 of recipe with are those of recipe without where layered(seed) is false, and
     * have the same target up to the level where it is true, and a different input in all of
     * those but speechAlone (8 % of the mixtures are speech alone: no noise to lay a layer over),
     * at least once.
     */
    private static void assertLayeredRecipe(TrainingCorpus corpus, int without, int with, int speechAlone,
                                            java.util.function.LongPredicate layered) throws IOException {
        MixtureGenerator base = new MixtureGenerator(corpus, without);
        MixtureGenerator more = new MixtureGenerator(corpus, with);
        int count = 0;
        int unchanged = 0;
        for (long seed = 0; seed < 16; seed++) {
            MixtureGenerator.Mixture a = base.generate(seed, 2.0);
            MixtureGenerator.Mixture b = more.generate(seed, 2.0);
            if (!layered.test(seed)) {
                assertArrayEquals(a.noisy(), b.noisy(), "seed " + seed);
                assertArrayEquals(a.clean(), b.clean(), "seed " + seed);
                continue;
            }
            count++;
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.clean().length; i++) {
                ab += a.clean()[i] * (double) b.clean()[i];
                aa += a.clean()[i] * (double) a.clean()[i];
                bb += b.clean()[i] * (double) b.clean()[i];
            }
            // the same target up to the level (the peak limit sees the louder noise)
            assertTrue(aa == 0 && bb == 0 || ab / Math.sqrt(aa * bb) > 0.99999, "seed " + seed + ": target changed");
            unchanged += java.util.Arrays.equals(a.noisy(), b.noisy()) ? 1 : 0;
        }
        assertTrue(count - unchanged >= 1 && unchanged == speechAlone, "layers in 16 mixtures: " + count + ", inputs unchanged: " + unchanged);
    }

    @Test
    void heldOutVoicesNeverReachRecipeThree() throws IOException {
        assertTrue(TrainingCorpus.isHeldOutVoice("train/speech/ljspeech44k/LJ003-0001.opus"));
        assertTrue(TrainingCorpus.isHeldOutVoice("train/speech/misc/vctk_p286_011.opus"));
        assertTrue(!TrainingCorpus.isHeldOutVoice("train/speech/ljspeech44k/LJ001-0001.opus"));
        TrainingCorpus corpus = sharedCorpus();
        assertTrue(corpus.heldOutSpeech().size() >= 100, "LJ003 and misc voices: " + corpus.heldOutSpeech().size());
        java.util.Set<Path> held = new java.util.HashSet<>();
        corpus.heldOutSpeech().forEach(c -> held.add(c.path()));
        assertTrue(corpus.trainingSpeech().stream().noneMatch(c -> held.contains(c.path())));
        assertEquals(corpus.speech().size(), corpus.trainingSpeech().size() + held.size(),
                "recipes 1 and 2 keep their clip list");
        // recipe 3 draws from training speech only: its joined clips share a voice
        TrainingCorpus.Clip c = corpus.trainingSpeech().get(0);
        assertTrue(corpus.sameVoice(c).stream().allMatch(o -> o.speaker().equals(c.speaker()) && o.corpus().equals(c.corpus())));
    }
}
