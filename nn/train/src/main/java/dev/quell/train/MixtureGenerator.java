package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * Builds one training example (noisy input and its clean target) from the corpus, following the
 * data practice of RNNoise and PercepNet (ALGORITHM.md, "Data practice of the references"):
 *
 * <ul>
 *   <li>a random speech segment (clips concatenated when short), normalised to -25 dBFS RMS;
 *       the finished mixture gets a random gain of -40..+10 dB (limited so it never clips), so
 *       the network sees speech from about -65 to -15 dBFS;</li>
 *   <li>noise: a random noise segment (looped), or in 15 % of examples babble made of 3-6 other
 *       speech clips; SNR uniform in -5..35 dB; 8 % speech-only and 8 % noise-only examples;</li>
 *   <li>random second-order pole/zero filters on speech and noise (coefficients uniform in
 *       +/-0.375, as RNNoise), and in 30 % of examples a random low-pass at 3000 * 50^u Hz
 *       (u uniform in 0..1) applied to speech and noise alike;</li>
 *   <li>in 30 % of examples reverberation from a pack RIR or a synthetic exponentially decaying
 *       one (RT60 0.2-1.0 s); the target is then the speech convolved with the direct part and
 *       the first 20 ms of the response ("dry/early" target);</li>
 *   <li>band limit for masking: min(speech source limit, noise-free low-pass cutoff).</li>
 * </ul>
 * Recipe 2 (session 5) adds two noise augmentations, because 0.93 h of noise is seen hundreds of
 * times over a training run: in half of the non-babble examples the noise is played at another
 * speed (resampled as if recorded at 40.0-57.6 kHz: 0.83-1.2 times the speed, shifting its
 * spectrum and rhythm alike), and in 30 % a second noise clip, 0-10 dB weaker, is added to the
 * first. Recipe 1 (sessions 1-4, shards 0-199 of the shipped model) has neither. Recipe 3
 * (model v2) is {@link RealWorldMixer}: more speech and noise classes, simulated rooms and the
 * recording chain of {@link ChannelSimulator}; recipes 4 to 10 change how it draws (see there).
 * Deterministic for a given recipe and seed.
 */
public final class MixtureGenerator {
    /**
     * One example.
     *
     * @param clean target speech at 48 kHz
     * @param noisy input at 48 kHz, same length
     * @param bandLimitHz bands whose lower node lies at or above it are "don't care" in the loss:
     *     the highest frequency the target contains (recipes 1-10), or the highest the recording
     *     chain passes (recipes 11-13), Hz
     */
    public record Mixture(float[] clean, float[] noisy, double bandLimitHz) {
    }

    private static final int RATE = FrameFormat.SAMPLE_RATE;
    /** The newest recipe. */
    public static final int LATEST_RECIPE = RealWorldMixer.LAST_RECIPE;
    /** Rates a noise segment is taken to have before it is resampled to 48 kHz (recipe 2). */
    private static final int[] NOISE_RATES = {40_000, 42_000, 44_100, 45_000, 51_000, 54_000, 57_600};
    private final TrainingCorpus corpus;
    private final int recipe;
    private final RealWorldMixer realWorld;

    /** @param corpus the training corpus; uses the {@linkplain #LATEST_RECIPE latest recipe} */
    public MixtureGenerator(TrainingCorpus corpus) {
        this(corpus, LATEST_RECIPE);
    }

    /**
     * @param corpus the training corpus
     * @param recipe 1 (sessions 1-4), 2 (adds noise speed changes and noise pairs), 3
     *     ({@link RealWorldMixer}), 4 (recipe 3 drawing speech and recorded noise per data folder)
     *     5 (recipe 4 with high tonal events: beeps, alarms, insect trills, chirps), 6 (recipe 5
     *     with music at 25 % of the noises), 7 (recipe 5 with a lead-in of noise alone before the
     *     voice in half of the mixtures), 8 (recipe 7 with a crackle layer in a quarter of the noises),
     *     9 (recipe 8 with a rumble layer in 30 % of the noises) or 10 (recipe 9 with rumble in
     *     half of the noises and a layer of chirps or alarms in 20 %) or 11 (recipe 10 with the loss
     *     trained between the speech source's band limit and the recording chain's) or 12 (recipe
     *     11 with rumble as the only noise in a fifth of the mixtures with rumble) or 13 (recipe 12
     *     with an opening offset in 15 % of the noises) or 14 (recipe 13 with a hiss layer in a
     *     quarter of the noises) or 15 (recipe 14 with music alone at -5..5 dB SNR in a fifth of the
     *     mixtures)
     * @throws IllegalArgumentException for another recipe number
     */
    public MixtureGenerator(TrainingCorpus corpus, int recipe) {
        if (recipe < 1 || recipe > LATEST_RECIPE) {
            throw new IllegalArgumentException("mixture recipe " + recipe + " unknown (1.." + LATEST_RECIPE + ")");
        }
        this.corpus = corpus;
        this.recipe = recipe;
        this.realWorld = recipe >= RealWorldMixer.FIRST_RECIPE ? new RealWorldMixer(corpus, recipe) : null;
    }

    /**
     * Generates one example.
     *
     * @param seed example seed
     * @param seconds length in seconds
     * @return the example
     * @throws IOException if a clip cannot be decoded
     */
    public Mixture generate(long seed, double seconds) throws IOException {
        if (realWorld != null) {
            return realWorld.generate(seed, seconds);
        }
        Random r = new Random(seed);
        int n = (int) (seconds * RATE);
        TrainingCorpus.Clip speechClip = pick(corpus.speech(), r);
        float[] speech = segment(corpus.speech(), speechClip, n, r);
        double bandLimit = speechClip.sourceLimitHz();
        normalise(speech, -25);
        float[] noise = noiseBed(n, r);
        poleZero(speech, r);
        poleZero(noise, r);
        float[][] heardAndTarget = inRoom(speech, r);
        speech = heardAndTarget[0];
        float[] target = heardAndTarget[1];
        silenceOneSide(speech, target, noise, r);
        double snr = -5 + 40 * r.nextDouble();
        double gainNoise = Math.pow(10, -snr / 20);
        float[] noisy = speech.clone();
        add(noisy, noise, (float) gainNoise);
        bandLimit = Math.min(bandLimit, lowPassSome(noisy, target, r));
        randomLevel(noisy, target, r);
        return new Mixture(target, noisy, bandLimit);
    }

    /** Recipes 1-2's noise bed ({@link NoiseBed}); only recipe 2 layers a second noise. */
    private float[] noiseBed(int n, Random r) throws IOException {
        return NoiseBed.draw(n, r, (rr, len) -> segment(corpus.speech(), pick(corpus.speech(), rr), len, rr),
                this::noiseSegment, recipe >= 2);
    }

    /**
     * Recipes 1-2's room, for 30 % of the mixtures: a measured impulse response or a synthetic one,
     * half each; the target keeps the direct path and early reflections.
     *
     * @return {speech as the microphone hears it, target}; both the dry speech when there is no room
     */
    private float[][] inRoom(float[] speech, Random r) throws IOException {
        if (r.nextDouble() >= 0.3) {
            return new float[][] {speech, speech};
        }
        float[] rir = r.nextBoolean() && !corpus.rirs().isEmpty()
                ? corpus.impulseResponse(pick(corpus.rirs(), r)) : syntheticRir(r);
        return reverberate(speech, rir);
    }

    /**
     * Recipes 1-2's band limit: in 30 % of the mixtures both input and target are low-passed, in
     * place, at a cut-off drawn log-uniformly from 3 to 150 kHz (none when it is 20 kHz or more).
     *
     * @return the cut-off applied, Hz, or {@link Double#POSITIVE_INFINITY} when none was
     */
    private static double lowPassSome(float[] noisy, float[] target, Random r) {
        if (r.nextDouble() < 0.3) {
            double cutoff = 3000 * Math.pow(50, r.nextDouble());
            if (cutoff < 20_000) {
                lowPass(noisy, cutoff);
                lowPass(target, cutoff);
                return cutoff;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Scales input and target alike by a random gain of -40..+10 dB, lowered where needed so the
     * input's peak stays at or below 0.99.
     */
    static void randomLevel(float[] noisy, float[] target, Random r) {
        double level = Math.pow(10, (-40 + 50 * r.nextDouble()) / 20);
        double peak = 1e-9;
        for (float v : noisy) {
            peak = Math.max(peak, Math.abs(v) * level);
        }
        if (peak > 0.99) {
            level *= 0.99 / peak;
        }
        scale(noisy, level);
        scale(target, level);
    }

    /** A random noise segment of n samples; in recipe 2, half of them played at another speed. */
    private float[] noiseSegment(Random r, int n) throws IOException {
        TrainingCorpus.Clip clip = pick(corpus.noise(), r);
        if (recipe < 2 || r.nextBoolean()) {
            return segment(corpus.noise(), clip, n, r);
        }
        int rate = NOISE_RATES[r.nextInt(NOISE_RATES.length)];
        float[] x = segment(corpus.noise(), clip, (int) Math.ceil((double) n * rate / RATE) + 1, r);
        return java.util.Arrays.copyOf(dev.quell.dsp.resample.Resampler.resample(x, rate, RATE), n);
    }

    static TrainingCorpus.Clip pick(List<TrainingCorpus.Clip> clips, Random r) {
        return clips.get(r.nextInt(clips.size()));
    }

    private float[] segment(List<TrainingCorpus.Clip> pool, TrainingCorpus.Clip first, int n, Random r) throws IOException {
        return segment(corpus, pool, first, n, r);
    }

    /**
     * n samples of recorded audio: a random stretch of {@code first} (from its start when it is
     * shorter), continued with random clips of the pool end to end.
     */
    static float[] segment(TrainingCorpus corpus, List<TrainingCorpus.Clip> pool, TrainingCorpus.Clip first, int n,
                           Random r) throws IOException {
        float[] out = new float[n];
        short[] s = corpus.samples(first);
        int pos = 0;
        int start = s.length > n ? r.nextInt(s.length - n) : 0;
        while (pos < n) {
            int len = Math.min(n - pos, s.length - start);
            for (int i = 0; i < len; i++) {
                out[pos + i] = s[start + i] / 32768f;
            }
            pos += len;
            start = 0;
            if (pos < n) {
                s = corpus.samples(pick(pool, r));
            }
        }
        return out;
    }

    static void normalise(float[] x, double dbfs) {
        double e = 0;
        for (float v : x) {
            e += v * (double) v;
        }
        double rms = Math.sqrt(e / x.length);
        if (rms > 1e-7) {
            scale(x, Math.pow(10, dbfs / 20) / rms);
        }
    }

    static void scale(float[] x, double g) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] * g);
        }
    }

    /**
     * Silences the noise (8 % of the mixtures: speech only) or the speech and its target (another
     * 8 %: noise only), in place; one draw from r either way.
     */
    static void silenceOneSide(float[] heard, float[] target, float[] noise, Random r) {
        double u = r.nextDouble();
        if (u < 0.08) {
            java.util.Arrays.fill(noise, 0f);
        } else if (u < 0.16) {
            java.util.Arrays.fill(heard, 0f);
            java.util.Arrays.fill(target, 0f);
        }
    }

    static void add(float[] a, float[] b, float g) {
        for (int i = 0; i < a.length; i++) {
            a[i] += g * b[i];
        }
    }

    /** RNNoise's random spectral tilt: (1 + a1 z^-1 + a2 z^-2) / (1 + b1 z^-1 + b2 z^-2). */
    static void poleZero(float[] x, Random r) {
        double a1 = 0.75 * (r.nextDouble() - 0.5);
        double a2 = 0.75 * (r.nextDouble() - 0.5);
        double b1 = 0.75 * (r.nextDouble() - 0.5);
        double b2 = 0.75 * (r.nextDouble() - 0.5);
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = x[i] + a1 * x1 + a2 * x2 - b1 * y1 - b2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
    }

    /** Fourth-order Butterworth low-pass (two biquads), zero state, at 48 kHz. */
    static void lowPass(float[] x, double cutoff) {
        lowPass(x, cutoff, RATE);
    }

    /** Fourth-order Butterworth low-pass (two biquads, RBJ cookbook), zero state. */
    static void lowPass(float[] x, double cutoff, int rate) {
        for (double q : new double[] {0.5412, 1.3066}) {
            double w0 = 2 * Math.PI * cutoff / rate;
            double alpha = Math.sin(w0) / (2 * q);
            double c = Math.cos(w0);
            double a0 = 1 + alpha;
            double b0 = (1 - c) / 2 / a0;
            double b1 = (1 - c) / a0;
            double a1 = -2 * c / a0;
            double a2 = (1 - alpha) / a0;
            biquad(x, b0, b1, a1, a2);
        }
    }

    /**
     * Second-order Butterworth high-pass (RBJ cookbook biquad, Q = 1/√2), zero state, in place.
     *
     * @param x signal, changed in place
     * @param cutoff -3 dB frequency, Hz, below rate / 2
     * @param rate sample rate, Hz
     */
    static void highPass(float[] x, double cutoff, int rate) {
        double w0 = 2 * Math.PI * cutoff / rate;
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double c = Math.cos(w0);
        double a0 = 1 + alpha;
        double b0 = (1 + c) / 2 / a0;
        double b1 = -(1 + c) / a0;
        double a1 = -2 * c / a0;
        double a2 = (1 - alpha) / a0;
        biquad(x, b0, b1, a1, a2);
    }

    /**
     * A biquad with symmetric feed-forward coefficients (b2 = b0, as the RBJ cookbook's low- and
     * high-pass have), transposed direct form II, zero state, in place.
     */
    static void biquad(float[] x, double b0, double b1, double a1, double a2) {
        double z1 = 0;
        double z2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + z1;
            z1 = b1 * in - a1 * out + z2;
            z2 = b0 * in - a2 * out;
            x[i] = (float) out;
        }
    }

    private static float[] syntheticRir(Random r) {
        double rt60 = 0.2 + 0.8 * r.nextDouble();
        int len = (int) (rt60 * RATE);
        float[] h = new float[len];
        int direct = (int) (0.002 * RATE * r.nextDouble());
        h[direct] = 1f;
        double decay = Math.log(1000) / (rt60 * RATE);
        for (int i = direct + 1; i < len; i++) {
            h[i] += (float) (0.3 * r.nextGaussian() * Math.exp(-decay * (i - direct)));
        }
        return h;
    }

    /** @return {reverberant speech, dry/early target} */
    static float[][] reverberate(float[] x, float[] rir) {
        int peak = 0;
        for (int i = 1; i < rir.length; i++) {
            if (Math.abs(rir[i]) > Math.abs(rir[peak])) {
                peak = i;
            }
        }
        int early = Math.min(rir.length, peak + (int) (0.020 * RATE));
        // time-align both to the direct path so the target is not delayed against the input
        float[] early0 = java.util.Arrays.copyOfRange(rir, peak, early);
        float[] late0 = java.util.Arrays.copyOfRange(rir, peak, rir.length);
        float[] before = java.util.Arrays.copyOfRange(rir, 0, peak);
        float[] dry = Convolution.causal(x, early0);
        float[] wet = Convolution.causal(x, late0);
        if (before.length > 0) { // pre-peak taps (rare) read the future
            float[] reversed = new float[before.length];
            for (int i = 0; i < before.length; i++) {
                reversed[i] = before[before.length - 1 - i];
            }
            float[] xr = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                xr[i] = x[x.length - 1 - i];
            }
            float[] ant = Convolution.causal(xr, reversed);
            for (int i = 0; i + 1 < x.length; i++) {
                float v = ant[x.length - 2 - i];
                wet[i] += v;
                dry[i] += v;
            }
        }
        double ex = 0;
        double ed = 0;
        for (int i = 0; i < x.length; i++) {
            ex += x[i] * (double) x[i];
            ed += dry[i] * (double) dry[i];
        }
        double g = ed > 0 ? Math.sqrt(ex / ed) : 1;
        scale(wet, g);
        scale(dry, g);
        return new float[][] {wet, dry};
    }
}
