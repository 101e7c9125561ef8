package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.resample.Resampler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Recipes 3 to 15 of {@link MixtureGenerator}: mixtures for real-world recordings (model-v2
 * issue, items 1-4). Each recipe from 4 on is the one before it (7: recipe 5) with one change,
 * gated by its own flag. From recipe 7 on the change draws from its own random source, so recipe
 * n's mixture k is recipe n-1's mixture k with that change alone. Why each change was made, with
 * the measurements behind it, is in {@code docs/training.md} ("Mixtures") and
 * {@code docs/training-log.md}.
 *
 * <ul>
 *   <li>3: the base recipe below (speech and recorded noise drawn uniformly over clips);</li>
 *   <li>4: a data folder is drawn first, then a clip of it;</li>
 *   <li>5: high tonal events ({@link SyntheticNoise#tonalEvents}) as a made noise class at 10 %;</li>
 *   <li>6: music at 25 % of the noises;</li>
 *   <li>7 (from 5): a lead-in of noise alone, {@value #LEAD_IN_MIN_S}-{@value #LEAD_IN_MAX_S} s,
 *       in half of the mixtures;</li>
 *   <li>8: a crackle layer ({@link SyntheticNoise#crackle}) over {@value #CRACKLE_SHARE} of the
 *       noises;</li>
 *   <li>9: a rumble layer ({@link SyntheticNoise#rumble}) over {@value #RUMBLE_SHARE} of them;</li>
 *   <li>10: rumble over {@value #RUMBLE_SHARE_10}, and chirps or alarms over {@value #CHIRP_SHARE};</li>
 *   <li>11: the same audio; the targets' band limit is the recording chain's alone;</li>
 *   <li>12: rumble is the whole noise in {@value #RUMBLE_ALONE_SHARE} of the mixtures with rumble;</li>
 *   <li>13: an opening offset ({@link SyntheticNoise#openingOffset}) over {@value #OFFSET_SHARE};</li>
 *   <li>14: a hiss layer ({@link SyntheticNoise#hiss}) over {@value #HISS_SHARE};</li>
 *   <li>15: music alone at {@value #LOUD_MUSIC_MIN_DB}..{@value #LOUD_MUSIC_MAX_DB} dB SNR as the
 *       noise of {@value #LOUD_MUSIC_SHARE} of the mixtures ({@link #replaceWithLoudMusic}).</li>
 * </ul>
 * The layers' levels are relative to the mixture's other noise (the constants below).
 *
 * Recipe 3 against recipe 2:
 *
 * <ul>
 *   <li>speech: the pack and the Debian catalogue without the held-out voices; short clips are
 *       joined with clips of the same voice and natural pauses of 0.1-0.6 s, so the recurrent
 *       state sees running speech of one talker;</li>
 *   <li>noise (85 %; babble of 3-6 other talkers 15 %): recorded noise 45 %, music 10 %, pitched
 *       non-speech tones 14 %, mains hum 6 %, clicks and knocks 10 %, typing 15 % (with fewer
 *       classes, their shares go to recorded noise); recorded noise is played at another speed
 *       half the time and 30 % of mixtures get a second noise 0-10 dB weaker, as recipe 2;</li>
 *   <li>rooms: 40 % of mixtures are reverberant, 70 % of those from a simulated room
 *       ({@link RoomSimulator}), 30 % from the measured responses; target = direct path plus the
 *       first 20 ms;</li>
 *   <li>the whole mixture goes through a drawn recording chain ({@link ChannelSimulator}:
 *       bandwidth tier, Opus codec, engine floor, clipping) instead of recipe 2's random low-pass.</li>
 * </ul>
 * The SNR (-5..35 dB), level (-40..+10 dB), spectral tilts and the 8 % speech-only and 8 %
 * noise-only shares are those of recipe 2. Deterministic for a given corpus and seed.
 */
final class RealWorldMixer {
    /** The first recipe this mixer makes; recipes 1 and 2 are {@link MixtureGenerator}'s own. */
    static final int FIRST_RECIPE = 3;
    /** The newest recipe this mixer makes. */
    static final int LAST_RECIPE = 15;
    private static final int RATE = FrameFormat.SAMPLE_RATE;
    private static final int[] NOISE_RATES = {40_000, 42_000, 44_100, 45_000, 51_000, 54_000, 57_600};
    private final TrainingCorpus corpus;
    private final List<TrainingCorpus.Clip> speech;
    private final List<List<TrainingCorpus.Clip>> speechBySource;
    private final List<List<TrainingCorpus.Clip>> noiseBySource;
    /** Shortest lead-in of recipe 7, seconds. */
    static final double LEAD_IN_MIN_S = 0.1;
    /** Longest lead-in of recipe 7, seconds. */
    static final double LEAD_IN_MAX_S = 1.5;
    private static final long LEAD_IN_SEED = 0x1EAD_1A5EL;
    /** Share of recipe 8's mixtures whose noise gets a crackle layer. */
    static final double CRACKLE_SHARE = 0.25;
    /** Level range of the crackle layer relative to the mixture's other noise, dB. */
    static final double CRACKLE_MIN_DB = -10;
    static final double CRACKLE_MAX_DB = 5;
    private static final long CRACKLE_SEED = 0xC7AC_C1E5L;
    /** Share of recipe 9's mixtures whose noise gets a rumble layer. */
    static final double RUMBLE_SHARE = 0.3;
    /** Share of recipe 10's mixtures whose noise gets a rumble layer. */
    static final double RUMBLE_SHARE_10 = 0.5;
    /** Level range of the rumble layer relative to the mixture's other noise, dB. */
    static final double RUMBLE_MIN_DB = -20;
    static final double RUMBLE_MAX_DB = 5;
    private static final long RUMBLE_SEED = 0x2B3B_B1E5L;
    /** Share of recipe 12's mixtures with rumble in which the rumble is the whole noise. */
    static final double RUMBLE_ALONE_SHARE = 0.2;
    /** Share of recipe 10's mixtures whose noise gets a layer of chirps or alarms. */
    static final double CHIRP_SHARE = 0.2;
    /** Level range of the chirp or alarm layer relative to the mixture's other noise, dB. */
    static final double CHIRP_MIN_DB = -10;
    static final double CHIRP_MAX_DB = 5;
    private static final long CHIRP_SEED = 0xC1A2_B33BL;
    /** Share of recipe 13's mixtures whose noise gets an opening offset. */
    static final double OFFSET_SHARE = 0.15;
    /** Level range of the opening offset relative to the mixture's other noise (RMS over the mixture), dB. */
    static final double OFFSET_MIN_DB = -25;
    static final double OFFSET_MAX_DB = 5;
    private static final long OFFSET_SEED = 0x0FF5_E7D0L;
    /** Share of recipe 14's mixtures whose noise gets a hiss layer. */
    static final double HISS_SHARE = 0.25;
    /** Level range of the hiss layer relative to the mixture's other noise, dB. */
    static final double HISS_MIN_DB = -10;
    static final double HISS_MAX_DB = 5;
    private static final long HISS_SEED = 0x4155_5EEDL;
    /** Share of recipe 15's mixtures whose noise is music alone at a low SNR. */
    static final double LOUD_MUSIC_SHARE = 0.2;
    /** SNR range of recipe 15's loud music, dB (speech over music, before the band limit). */
    static final double LOUD_MUSIC_MIN_DB = -5;
    static final double LOUD_MUSIC_MAX_DB = 5;
    private static final long LOUD_MUSIC_SEED = 0x10D0_3051CL;
    private static final long LOUD_MUSIC_CLIP_SEED = 0x3051_CC1BL;
    private final boolean balanced;
    private final boolean leadIn;
    private final boolean crackle;
    private final double rumbleShare;
    private final boolean chirps;
    /** Whether the band limit of the targets is the recording chain's alone (recipe 11). */
    private final boolean maskAtChain;
    /** Share of the mixtures with rumble whose only noise it is (recipe 12). */
    private final double rumbleAlone;
    /** Whether a share of the noises gets an opening offset (recipe 13). */
    private final boolean openingOffset;
    /** Whether a share of the noises gets a hiss layer (recipe 14). */
    private final boolean hiss;
    /** Whether a share of the mixtures has music alone as its noise, at a low SNR (recipe 15). */
    private final boolean loudMusic;
    private final double[] classes;
    private List<float[]> keyClicks;

    /**
     * @param corpus the training corpus
     * @param recipe 3 (speech and recorded noise drawn uniformly over clips), 4 (first a data
     *     folder, uniformly over the folders that have such clips, then a clip of it, so a folder
     *     of many short clips such as 0 A.D. foley or Tux Paint stamps does not outweigh the pack)
     *     or 5 (recipe 4 with the high tonal events) or 6 (recipe 5 with music at 25 %) or 7
     *     (recipe 5 with a lead-in of noise alone in half of the mixtures) or 8 (recipe 7 with a
     *     crackle layer in a quarter of the noises) or 9 (recipe 8 with a rumble layer in 30 % of
     *     the noises) or 10 (recipe 9 with rumble in half of the noises and a layer of chirps or
     *     alarms in 20 %) or 11 (recipe 10 with the bands between the speech source's limit and the
     *     recording chain's trained) or 12 (recipe 11 with rumble as the only noise in a fifth of
     *     the mixtures with rumble) or 13 (recipe 12 with an opening offset in 15 % of the noises)
     *     or 14 (recipe 13 with a hiss layer in a quarter of the noises) or 15 (recipe 14 with
     *     music alone at a low SNR in a fifth of the mixtures)
     * @throws IllegalArgumentException for another recipe, or a corpus without training speech
     */
    RealWorldMixer(TrainingCorpus corpus, int recipe) {
        if (recipe < FIRST_RECIPE || recipe > LAST_RECIPE) {
            throw new IllegalArgumentException("real-world mixture recipe " + recipe + " unknown ("
                    + FIRST_RECIPE + ".." + LAST_RECIPE + ")");
        }
        this.corpus = corpus;
        this.speech = corpus.trainingSpeech();
        this.balanced = recipe >= 4;
        this.leadIn = recipe >= 7;
        this.crackle = recipe >= 8;
        this.rumbleShare = recipe >= 10 ? RUMBLE_SHARE_10 : recipe == 9 ? RUMBLE_SHARE : 0;
        this.chirps = recipe >= 10;
        this.maskAtChain = recipe >= 11;
        this.rumbleAlone = recipe >= 12 ? RUMBLE_ALONE_SHARE : 0;
        this.openingOffset = recipe >= 13;
        this.hiss = recipe >= 14;
        this.loudMusic = recipe >= 15;
        this.classes = recipe == 6 ? RECIPE_6_CLASSES : recipe >= 5 ? RECIPE_5_CLASSES : RECIPE_4_CLASSES;
        if (speech.isEmpty()) {
            throw new IllegalArgumentException("no training speech in the corpus");
        }
        this.speechBySource = bySource(speech);
        this.noiseBySource = bySource(corpus.noise());
    }

    private List<List<TrainingCorpus.Clip>> bySource(List<TrainingCorpus.Clip> clips) {
        List<List<TrainingCorpus.Clip>> pools = new ArrayList<>();
        for (int s = 0; s < corpus.sourceCount(); s++) {
            List<TrainingCorpus.Clip> pool = TrainingCorpus.fromSource(clips, s);
            if (!pool.isEmpty()) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** The first clip of a voice's running speech (recipe 3: uniform over clips; recipe 4: a folder first). */
    TrainingCorpus.Clip speechClip(Random r) {
        return MixtureGenerator.pick(poolOf(speech, speechBySource, r), r);
    }

    /**
     * The clips a draw is made from: all of them (recipe 3), or those of one data folder drawn
     * uniformly over the folders that have any (recipe 4).
     */
    private List<TrainingCorpus.Clip> poolOf(List<TrainingCorpus.Clip> all, List<List<TrainingCorpus.Clip>> pools,
                                             Random r) {
        return !balanced || pools.size() < 2 ? all : pools.get(r.nextInt(pools.size()));
    }

    MixtureGenerator.Mixture generate(long seed, double seconds) throws IOException {
        Random r = new Random(seed);
        int n = (int) (seconds * RATE);
        double[] limit = {Double.MAX_VALUE};
        float[] clean = runningSpeech(r, n, true, limit);
        delay(clean, leadInSamples(seed));
        MixtureGenerator.normalise(clean, -25);
        float[] noise = noiseBed(r, n);
        OptionalDouble loudMusicSnr = replaceWithLoudMusic(noise, seed);
        if (loudMusicSnr.isEmpty()) { // loud music is the whole noise; the layers draw from their own sources
            addCrackle(noise, seed);
            addRumble(noise, seed);
            addChirps(noise, seed);
            addOpeningOffset(noise, seed);
            addHiss(noise, seed);
        }
        MixtureGenerator.poleZero(clean, r);
        MixtureGenerator.poleZero(noise, r);
        float[][] heardAndTarget = inRoom(clean, r);
        MixtureGenerator.silenceOneSide(heardAndTarget[0], heardAndTarget[1], noise, r);
        // the mixture's own SNR is drawn either way (orElse, not orElseGet), so that the draws after
        // it (channel, level) are recipe 14's in every mixture
        double snr = loudMusicSnr.orElse(-5 + 40 * r.nextDouble());
        return throughChannel(heardAndTarget[0], heardAndTarget[1], noise, snr, limit[0], r);
    }

    /** The noise before its layers ({@link NoiseBed}): running speech as talkers, recorded or synthetic noises. */
    private float[] noiseBed(Random r, int n) throws IOException {
        return NoiseBed.draw(n, r, (rr, len) -> runningSpeech(rr, len, false, new double[1]), this::oneNoise, true);
    }

    /**
     * The speech in a room for 40 % of the mixtures: a simulated room (70 %) or a measured
     * impulse response; the target keeps the direct path and early reflections.
     *
     * @return {speech as the microphone hears it, target}; both the dry speech when there is no room
     */
    private float[][] inRoom(float[] clean, Random r) throws IOException {
        if (r.nextDouble() >= 0.4) {
            return new float[][] {clean, clean};
        }
        float[] rir = r.nextDouble() < 0.7 || corpus.rirs().isEmpty()
                ? RoomSimulator.random(r, RATE).ir()
                : corpus.impulseResponse(MixtureGenerator.pick(corpus.rirs(), r));
        return MixtureGenerator.reverberate(clean, rir);
    }

    /**
     * Mixes the noise under the speech at {@code snr} dB, then puts mixture and target through one
     * random channel (band limit, level) and the input-only effects, with the peak kept under 0.99.
     *
     * @param speechLimitHz the voice's own band limit, Hz ({@code Double.MAX_VALUE} when full band)
     */
    private MixtureGenerator.Mixture throughChannel(float[] heard, float[] target, float[] noise, double snr,
                                                    double speechLimitHz, Random r) {
        float[] noisy = heard.clone();
        MixtureGenerator.add(noisy, noise, (float) Math.pow(10, -snr / 20));
        ChannelSimulator.Channel channel = ChannelSimulator.random(r);
        noisy = ChannelSimulator.band(noisy, channel);
        float[] bandTarget = ChannelSimulator.band(target, channel);
        MixtureGenerator.randomLevel(noisy, bandTarget, r);
        ChannelSimulator.inputOnly(noisy, channel);
        double peak = 1e-9;
        for (float v : noisy) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak > 0.99) { // the engine floor can lift a peak set at 0.99
            MixtureGenerator.scale(noisy, 0.99 / peak);
            MixtureGenerator.scale(bandTarget, 0.99 / peak);
        }
        double bandLimit = maskAtChain ? channel.limitHz() : Math.min(speechLimitHz, channel.limitHz());
        return new MixtureGenerator.Mixture(bandTarget, noisy, bandLimit);
    }

    /**
     * The lead-in of recipe 7 before the voice starts: 0 in half of the mixtures, otherwise
     * uniform in {@value #LEAD_IN_MIN_S}..{@value #LEAD_IN_MAX_S} s; drawn from its own random
     * source, so that the rest of the mixture is recipe 5's. Recipes 3-6 have none; 7 and 8 have it.
     *
     * @param seed the mixture's seed
     * @return samples at 48 kHz, 0..{@value #LEAD_IN_MAX_S} s
     */
    int leadInSamples(long seed) {
        if (!leadIn) {
            return 0;
        }
        // SplittableRandom mixes its seed: java.util.Random's first draws for neighbouring seeds
        // (the examples of a shard) are nearly the same
        SplittableRandom r = new SplittableRandom(seed ^ LEAD_IN_SEED);
        if (r.nextBoolean()) {
            return 0;
        }
        return (int) ((LEAD_IN_MIN_S + (LEAD_IN_MAX_S - LEAD_IN_MIN_S) * r.nextDouble()) * RATE);
    }

    /**
     * Recipe 8's crackle layer: in {@value #CRACKLE_SHARE} of the mixtures, adds
     * {@link SyntheticNoise#crackle} at {@value #CRACKLE_MIN_DB}..{@value #CRACKLE_MAX_DB} dB
     * relative to noise (taken to be at -25 dBFS) and sets the sum back to -25 dBFS; from its own
     * random source, so that the rest of the mixture is recipe 7's. Recipes 3-7 have none; 8 and 9
     * have it.
     *
     * @param noise the mixture's noise at -25 dBFS, changed in place
     * @param seed the mixture's seed
     * @return whether a layer was added
     */
    boolean addCrackle(float[] noise, long seed) {
        return crackle && addLayer(noise, seed ^ CRACKLE_SEED, CRACKLE_SHARE, CRACKLE_MIN_DB, CRACKLE_MAX_DB, 0,
                SyntheticNoise::crackle);
    }

    /**
     * The rumble layer of recipes 9 and 10: in {@value #RUMBLE_SHARE} of the mixtures (recipe 10:
     * {@value #RUMBLE_SHARE_10}, a superset drawn alike), adds
     * {@link SyntheticNoise#rumble} at {@value #RUMBLE_MIN_DB}..{@value #RUMBLE_MAX_DB} dB relative
     * to noise (taken to be at -25 dBFS) and sets the sum back to -25 dBFS; from its own random
     * source, so that the rest of the mixture is recipe 8's. Recipes 3-8 have none; 9 and 10
     * have it. Recipe 12 (on recipe 10's draws) drops the other noise first in
     * {@value #RUMBLE_ALONE_SHARE} of these mixtures, so the rumble alone is the noise, at -25 dBFS.
     *
     * @param noise the mixture's noise at -25 dBFS, changed in place
     * @param seed the mixture's seed
     * @return whether a layer was added
     */
    boolean addRumble(float[] noise, long seed) {
        return rumbleShare > 0 && addLayer(noise, seed ^ RUMBLE_SEED, rumbleShare, RUMBLE_MIN_DB, RUMBLE_MAX_DB,
                rumbleAlone, SyntheticNoise::rumble);
    }

    /**
     * Recipe 10's layer of chirps or alarms: in {@value #CHIRP_SHARE} of the mixtures, adds
     * {@link SyntheticNoise#noiseChirps} or {@link SyntheticNoise#alarm} (even odds) at
     * {@value #CHIRP_MIN_DB}..{@value #CHIRP_MAX_DB} dB relative to noise (taken to be at -25
     * dBFS) and sets the sum back to -25 dBFS; from its own random source, so that the rest of
     * the mixture is recipe 9's. Recipes 3-9 have none.
     *
     * @param noise the mixture's noise at -25 dBFS, changed in place
     * @param seed the mixture's seed
     * @return whether a layer was added
     */
    boolean addChirps(float[] noise, long seed) {
        return chirps && addLayer(noise, seed ^ CHIRP_SEED, CHIRP_SHARE, CHIRP_MIN_DB, CHIRP_MAX_DB, 0,
                (r, n) -> r.nextBoolean() ? SyntheticNoise.noiseChirps(r, n) : SyntheticNoise.alarm(r, n));
    }

    /**
     * Recipe 13's opening offset: in {@value #OFFSET_SHARE} of the mixtures, adds
     * {@link SyntheticNoise#openingOffset} at {@value #OFFSET_MIN_DB}..{@value #OFFSET_MAX_DB} dB
     * relative to noise (taken to be at -25 dBFS) and sets the sum back to -25 dBFS; from its own
     * random source, so that the rest of the mixture is recipe 12's. Recipes 3-12 have none.
     *
     * @param noise the mixture's noise at -25 dBFS, changed in place
     * @param seed the mixture's seed
     * @return whether an offset was added
     */
    boolean addOpeningOffset(float[] noise, long seed) {
        return openingOffset && addLayer(noise, seed ^ OFFSET_SEED, OFFSET_SHARE, OFFSET_MIN_DB, OFFSET_MAX_DB, 0,
                SyntheticNoise::openingOffset);
    }

    /**
     * Recipe 14's hiss layer: in {@value #HISS_SHARE} of the mixtures, adds
     * {@link SyntheticNoise#hiss} at {@value #HISS_MIN_DB}..{@value #HISS_MAX_DB} dB relative to
     * noise (taken to be at -25 dBFS) and sets the sum back to -25 dBFS; from its own random
     * source, so that the rest of the mixture is recipe 13's. Recipes 3-13 have none.
     *
     * @param noise the mixture's noise at -25 dBFS, changed in place
     * @param seed the mixture's seed
     * @return whether a layer was added
     */
    boolean addHiss(float[] noise, long seed) {
        return hiss && addLayer(noise, seed ^ HISS_SEED, HISS_SHARE, HISS_MIN_DB, HISS_MAX_DB, 0, SyntheticNoise::hiss);
    }

    /**
     * Recipe 15's loud music: in {@value #LOUD_MUSIC_SHARE} of the mixtures, the noise becomes a
     * segment of the corpus's music alone, at -25 dBFS, to be mixed at an SNR of
     * {@value #LOUD_MUSIC_MIN_DB}..{@value #LOUD_MUSIC_MAX_DB} dB instead of the mixture's own draw;
     * from its own random source, so that the rest of the mixture is recipe 14's. Recipes 3-14, and
     * a corpus without music, have none.
     * Why: music on hold is 20 of the 72 dev pairs and the class furthest below the DNSMOS floor;
     * at -5 and 0 dB input the network leaves it 22 dB below the speech in pauses (other noise 35 dB),
     * as if it were voice, while recipe 14 mixes music below 5 dB SNR in under 2 % of the mixtures
     * ({@code docs/training-log.md}, session 27).
     *
     * @param noise the mixture's noise, replaced in place when this mixture gets loud music
     * @param seed the mixture's seed
     * @return the SNR to mix at in dB, or empty (the noise unchanged)
     * @throws IOException if a music clip cannot be decoded
     */
    OptionalDouble replaceWithLoudMusic(float[] noise, long seed) throws IOException {
        OptionalDouble snr = loudMusicSnr(seed);
        if (snr.isPresent()) {
            Random r = new Random(new SplittableRandom(seed ^ LOUD_MUSIC_CLIP_SEED).nextLong());
            float[] music = recorded(corpus.music(), List.of(), r, noise.length);
            MixtureGenerator.normalise(music, -25);
            System.arraycopy(music, 0, noise, 0, noise.length);
        }
        return snr;
    }

    /**
     * Whether recipe 15 gives this mixture loud music, and at which SNR: the draws of
     * {@link #replaceWithLoudMusic} without reading any music.
     *
     * @param seed the mixture's seed
     * @return the SNR in dB, {@value #LOUD_MUSIC_MIN_DB}..{@value #LOUD_MUSIC_MAX_DB}, or empty
     */
    OptionalDouble loudMusicSnr(long seed) {
        if (!loudMusic || corpus.music().isEmpty()) {
            return OptionalDouble.empty();
        }
        SplittableRandom r = new SplittableRandom(seed ^ LOUD_MUSIC_SEED);
        return r.nextDouble() < LOUD_MUSIC_SHARE
                ? OptionalDouble.of(LOUD_MUSIC_MIN_DB + (LOUD_MUSIC_MAX_DB - LOUD_MUSIC_MIN_DB) * r.nextDouble())
                : OptionalDouble.empty();
    }

    /**
     * Whether recipe 15 (and later) gives the mixture of this seed loud music when the corpus has
     * music: the first draw of {@link #loudMusicSnr}, which needs no corpus, so that a trainer can
     * tell those examples in a shard from their seeds ({@link LoudMusicFactor}).
     *
     * @param seed the mixture's seed
     * @return whether its noise is loud music alone
     */
    static boolean drawsLoudMusic(long seed) {
        return new SplittableRandom(seed ^ LOUD_MUSIC_SEED).nextDouble() < LOUD_MUSIC_SHARE;
    }

    /** A noise generator of {@link SyntheticNoise}: (random source, length in samples) to samples. */
    private interface Layer {
        float[] make(Random r, int n);
    }

    /**
     * Adds a layer in a share of the mixtures at minDb..maxDb relative to noise at -25 dBFS and
     * sets the sum back to -25 dBFS, all drawn from a SplittableRandom of layerSeed; in aloneShare
     * of those (a draw after the others) the noise is dropped first, so the layer is all of it.
     */
    private static boolean addLayer(float[] noise, long layerSeed, double share, double minDb, double maxDb,
                                    double aloneShare, Layer layer) {
        SplittableRandom r = new SplittableRandom(layerSeed);
        if (r.nextDouble() >= share) {
            return false;
        }
        float[] x = layer.make(new Random(r.nextLong()), noise.length);
        MixtureGenerator.normalise(x, -25 + minDb + (maxDb - minDb) * r.nextDouble());
        if (r.nextDouble() < aloneShare) {
            Arrays.fill(noise, 0f);
        }
        MixtureGenerator.add(noise, x, 1f);
        MixtureGenerator.normalise(noise, -25);
        return true;
    }

    /** Shifts x later by d samples in place: d zeros first, the end falls off. */
    static void delay(float[] x, int d) {
        if (d <= 0) {
            return;
        }
        int keep = Math.max(0, x.length - d);
        System.arraycopy(x, 0, x, x.length - keep, keep);
        Arrays.fill(x, 0, Math.min(d, x.length), 0f);
    }

    /**
     * n samples of one voice: a random clip, continued with clips of the same voice after pauses.
     * limit[0] is lowered to the source limits of the clips used.
     */
    private float[] runningSpeech(Random r, int n, boolean pauses, double[] limit) throws IOException {
        TrainingCorpus.Clip clip = speechClip(r);
        List<TrainingCorpus.Clip> voice = corpus.sameVoice(clip);
        float[] out = new float[n];
        short[] s = corpus.samples(clip);
        limit[0] = Math.min(limit[0], clip.sourceLimitHz());
        int start = s.length > n ? r.nextInt(s.length - n) : 0;
        int pos = 0;
        while (pos < n) {
            int len = Math.min(n - pos, s.length - start);
            for (int i = 0; i < len; i++) {
                out[pos + i] = s[start + i] / 32768f;
            }
            pos += len + (pauses ? (int) ((0.1 + 0.5 * r.nextDouble()) * RATE) : 0);
            start = 0;
            if (pos < n) {
                clip = MixtureGenerator.pick(voice, r);
                s = corpus.samples(clip);
                limit[0] = Math.min(limit[0], clip.sourceLimitHz());
            }
        }
        return out;
    }

    /**
     * Upper bounds of the made noise classes on a uniform draw, in the order pitched tones, tonal
     * events, hum, clicks and knocks, typing, music; the rest is recorded noise (45 %; recipe 6: 38 %).
     */
    private static final double[] RECIPE_4_CLASSES = {0.14, 0.14, 0.20, 0.30, 0.45, 0.55};
    private static final double[] RECIPE_5_CLASSES = {0.10, 0.20, 0.25, 0.34, 0.47, 0.55};
    private static final double[] RECIPE_6_CLASSES = {0.08, 0.16, 0.20, 0.27, 0.37, 0.62};

    /** The noise classes, in the order of the bounds above; {@code RECORDED} takes the rest. */
    enum NoiseClass { PITCHED, TONAL_EVENTS, HUM, IMPULSES, TYPING, MUSIC, RECORDED }

    /**
     * Draws a noise class with one uniform number: the first class whose upper bound lies above it
     * and whose clips the corpus has (typing needs key clicks, music needs music; a class without
     * them passes its share on to the next one that has, in the end recorded noise). Recipes 3
     * and 4 have no tonal events.
     */
    NoiseClass noiseClass(Random r) {
        double u = r.nextDouble();
        NoiseClass[] all = NoiseClass.values();
        for (int k = 0; k < classes.length; k++) {
            boolean available = all[k] == NoiseClass.TYPING ? !corpus.keyClicks().isEmpty()
                    : all[k] != NoiseClass.MUSIC || !corpus.music().isEmpty();
            if (u < classes[k] && available) {
                return all[k];
            }
        }
        return NoiseClass.RECORDED;
    }

    /** One noise of a class drawn by {@link #noiseClass}. */
    private float[] oneNoise(Random r, int n) throws IOException {
        switch (noiseClass(r)) {
            case PITCHED: return SyntheticNoise.pitched(r, n);
            case TONAL_EVENTS: return SyntheticNoise.tonalEvents(r, n);
            case HUM: return SyntheticNoise.hum(r, n);
            case IMPULSES: return SyntheticNoise.impulses(r, n);
            case TYPING: return SyntheticNoise.typing(r, n, keyClicks());
            case MUSIC: return recorded(corpus.music(), List.of(), r, n);
            default: return recorded(corpus.noise(), noiseBySource, r, n);
        }
    }

    /** A recorded noise segment of pool (drawn as {@link #poolOf}), continued with clips of the same pool; half of them played at another speed. */
    private float[] recorded(List<TrainingCorpus.Clip> pool, List<List<TrainingCorpus.Clip>> pools, Random r, int n)
            throws IOException {
        boolean speed = r.nextBoolean();
        int rate = speed ? NOISE_RATES[r.nextInt(NOISE_RATES.length)] : RATE;
        int m = speed ? (int) Math.ceil((double) n * rate / RATE) + 1 : n;
        List<TrainingCorpus.Clip> from = poolOf(pool, pools, r);
        float[] out = MixtureGenerator.segment(corpus, from, MixtureGenerator.pick(from, r), m, r);
        return speed ? Arrays.copyOf(Resampler.resample(out, rate, RATE), n) : out;
    }

    private synchronized List<float[]> keyClicks() throws IOException {
        if (keyClicks == null) {
            List<float[]> list = new ArrayList<>();
            for (TrainingCorpus.Clip c : corpus.keyClicks()) {
                short[] s = corpus.samples(c);
                float[] f = new float[s.length];
                for (int i = 0; i < s.length; i++) {
                    f[i] = s[i] / 32768f;
                }
                list.add(f);
            }
            keyClicks = list;
        }
        return keyClicks;
    }
}
