package dev.quell.dsp;

/**
 * The per-frame recipe of the enhancer for one mono stream at 48 kHz (ALGORITHM.md steps 1-10),
 * in two halves around the network:
 *
 * <ol>
 *   <li>{@link #analyze}: push 480 new samples, STFT of the newest frame t, pitch candidates
 *       (on a high-passed copy) and trajectory, causal comb filter and band coherence of frame t,
 *       and the 70 {@link Features} of frame t;</li>
 *   <li>(the caller estimates band gains g_b and strengths r_b for the output frame
 *       j = t - L, where L is the look-ahead in frames: with a network, from features up to
 *       frame t; in oracle mode, from the clean signal);</li>
 *   <li>{@link #prepareOutputFrame}: the pitch of frame j decided with L frames of hindsight,
 *       the comb filter of frame j using future taps inside the look-ahead only, its spectrum
 *       P_j, band energies and coherence (available to oracle code before synthesis);</li>
 *   <li>{@link #synthesize}: pitch mixing with r_b and band normalisation, the envelope
 *       post-filter, the attenuation floor, per-bin gains and overlap-add: 480 output
 *       samples.</li>
 * </ol>
 *
 * <p>The DC-blocking {@link HighPass} feeds only the pitch analysis, where DC and rumble would
 * bias the correlations. The signal path itself stays linear-phase (real per-bin gains on a
 * perfect-reconstruction STFT): an IIR high-pass in the signal path shifts the phase of the
 * lowest harmonics, which is inaudible but cost 3.5 dB SI-SDR on the dev set at 20 dB input
 * (40 Hz corner: SI-SDR of the high-passed clean files against themselves was only 16.3 dB);
 * band 0 (0-100 Hz) gains remove rumble where it is noise.
 *
 * <p>Latency: output hop t holds input samples delayed by (1 + L) * 480 samples (10 ms of STFT
 * overlap plus L frames of look-ahead). Every method is allocation-free after construction.
 * Non-finite input samples are replaced by 0, samples are clamped to +/- 64 (+36 dBFS) and
 * magnitudes below 1e-20 (-400 dBFS) flushed to 0, so a bad block never poisons the state. Not thread-safe: one instance per channel/stream.
 */
public final class FrameChain {
    /** Input magnitude clamp (linear, full scale 1.0). */
    public static final float INPUT_LIMIT = 64f;

    private static final int B = FrameFormat.BANDS;
    private static final int K = FrameFormat.BINS;

    private final int lookahead;
    private final ErbBands bands = ErbBands.DEFAULT;
    private final HighPass highPass = new HighPass(FrameFormat.SAMPLE_RATE);
    private final Stft stft = new Stft();
    private final SignalHistory history;
    private final SignalHistory pitchHistory;
    private final float[] pitchHop = new float[FrameFormat.HOP];
    private final PitchSearch pitchSearch;
    private final PitchTracker pitchTracker;
    private final CombFilter causalComb;
    private final CombFilter outputComb;
    private final Coherence coherence = new Coherence(bands);
    private final PitchMix pitchMix = new PitchMix(bands);

    private final float[] hop = new float[FrameFormat.HOP];
    private final float[] combFrame = new float[FrameFormat.WINDOW];
    private final float[][] delayRe;
    private final float[][] delayIm;
    /** Band energies of the spectra in the delay line, computed once when each was the newest. */
    private final float[][] delayEnergy;
    private int delaySlot;

    private final float[] newestEnergy = new float[B];
    private final float[] newestCoherence = new float[B];
    private final float[] newestCombEnergy = new float[B];
    private final float[] pr = new float[K];
    private final float[] pi = new float[K];
    private final float[] features = new float[Features.COUNT];

    private final float[] outRe = new float[K];
    private final float[] outIm = new float[K];
    private final float[] outputEnergy = new float[B];
    private final float[] outputCombEnergy = new float[B];
    private final float[] outputCoherence = new float[B];
    private final float[] norm = new float[B];
    private final float[] bandGain = new float[B];
    private final float[] finalGain = new float[B];
    private final float[] binGain = new float[K];
    private int outputPeriod;

    /**
     * @param lookahead network look-ahead L in frames, 0..{@link FrameFormat#MAX_LOOKAHEAD}
     * @param combHalfWidth comb filter M (periods each side), 1..8; {@link CombFilter#DEFAULT_HALF_WIDTH}
     * @throws IllegalArgumentException for values out of range
     */
    public FrameChain(int lookahead, int combHalfWidth) {
        if (lookahead < 0 || lookahead > FrameFormat.MAX_LOOKAHEAD) {
            throw Messages.lookaheadOutOfRange(lookahead);
        }
        this.lookahead = lookahead;
        this.causalComb = new CombFilter(combHalfWidth);
        this.outputComb = new CombFilter(combHalfWidth);
        int length = outputComb.pastSamplesNeeded() + FrameFormat.WINDOW + lookahead * FrameFormat.HOP;
        this.history = new SignalHistory(length);
        this.pitchHistory = new SignalHistory(PitchSearch.MIN_HISTORY);
        this.pitchSearch = new PitchSearch(PitchSearch.MIN_HISTORY);
        this.pitchTracker = new PitchTracker(lookahead);
        this.delayRe = new float[lookahead + 1][K];
        this.delayIm = new float[lookahead + 1][K];
        this.delayEnergy = new float[lookahead + 1][B];
    }

    /** Creates a chain with the default comb filter. @param lookahead frames 0..2 */
    public FrameChain(int lookahead) {
        this(lookahead, CombFilter.DEFAULT_HALF_WIDTH);
    }

    /** @return the look-ahead L in frames */
    public int lookahead() {
        return lookahead;
    }

    /** @return latency of the chain in samples at 48 kHz: (1 + L) * 480 */
    public int latencySamples() {
        return (1 + lookahead) * FrameFormat.HOP;
    }

    /**
     * Analysis half: consumes 480 new input samples and computes the features of the newest frame.
     *
     * @param input 480 samples (linear, full scale 1.0); not modified
     * @param off offset into input
     */
    public void analyze(float[] input, int off) {
        takeHop(input, off);
        history.push(hop, 0);
        System.arraycopy(hop, 0, pitchHop, 0, FrameFormat.HOP);
        highPass.process(pitchHop, 0, FrameFormat.HOP);
        pitchHistory.push(pitchHop, 0);
        delaySlot = (delaySlot + 1) % (lookahead + 1);
        float[] re = delayRe[delaySlot];
        float[] im = delayIm[delaySlot];
        stft.analyze(hop, 0, re, im);

        pitchSearch.analyze(pitchHistory);
        pitchTracker.push(pitchSearch);
        int period = pitchTracker.period(0);

        causalComb.configure(period, 0);
        float[] x = history.samples();
        causalComb.filter(x, x.length - FrameFormat.WINDOW, combFrame, FrameFormat.WINDOW);
        stft.transformWindowed(combFrame, 0, pr, pi);
        bands.energy(re, im, newestEnergy);
        System.arraycopy(newestEnergy, 0, delayEnergy[delaySlot], 0, B);
        bands.energy(pr, pi, newestCombEnergy);
        coherence.compute(re, im, pr, pi, newestEnergy, newestCombEnergy, newestCoherence);
        Features.compute(newestEnergy, newestCoherence, period, pitchTracker.correlation(0), features);
    }

    /** Copies a hop of input, replacing NaN by 0, clamping to +/- INPUT_LIMIT, flushing tiny values. */
    private void takeHop(float[] input, int off) {
        for (int i = 0; i < FrameFormat.HOP; i++) {
            float v = input[off + i];
            if (!(v >= -INPUT_LIMIT && v <= INPUT_LIMIT)) {
                v = v > INPUT_LIMIT ? INPUT_LIMIT : (v < -INPUT_LIMIT ? -INPUT_LIMIT : 0f); // NaN -> 0
            } else if (v > -1e-20f && v < 1e-20f) {
                v = 0f; // keeps subnormal numbers (slow arithmetic) out of every filter
            }
            hop[i] = v;
        }
    }

    /**
     * Signal-only analysis for a chain that follows another chain's pitch and gains (the
     * channels of a stereo stream): consumes 480 new samples into the history and the spectrum
     * delay line, without pitch search, comb features or {@link #features()}. Use
     * {@link #prepareOutputFrame(int)} with the leading chain's {@link #outputPeriod()} next.
     *
     * @param input 480 samples (linear, full scale 1.0); not modified
     * @param off offset into input
     */
    public void analyzeSignal(float[] input, int off) {
        takeHop(input, off);
        history.push(hop, 0);
        delaySlot = (delaySlot + 1) % (lookahead + 1);
        stft.analyze(hop, 0, delayRe[delaySlot], delayIm[delaySlot]);
        bands.energy(delayRe[delaySlot], delayIm[delaySlot], delayEnergy[delaySlot]);
    }

    /** @return linear band energies E_b of the newest frame (live array, 34; valid until the next analyze) */
    public float[] newestEnergy() {
        return newestEnergy;
    }

    /** @return the 70 features of the newest frame (live array; valid until the next analyze) */
    public float[] features() {
        return features;
    }

    /**
     * Prepares the output frame j = t - L with the pitch chosen by the tracker.
     */
    public void prepareOutputFrame() {
        prepareOutputFrame(trackedOutputPeriod());
    }

    /** @return the tracker's pitch period for output frame j = t - L (samples, 60..768), decided with L frames of hindsight */
    public int trackedOutputPeriod() {
        return pitchTracker.period(lookahead);
    }

    /**
     * Prepares the output frame j = t - L with a given pitch period (oracle code uses it to give
     * the clean stream the noisy stream's period).
     *
     * @param period pitch period in samples, 60..768
     */
    public void prepareOutputFrame(int period) {
        outputPeriod = Math.max(FrameFormat.MIN_PERIOD, Math.min(FrameFormat.MAX_PERIOD, period));
        int slot = (delaySlot + 1) % (lookahead + 1); // the oldest spectrum in the delay line
        float[] re = delayRe[slot];
        float[] im = delayIm[slot];
        System.arraycopy(re, 0, outRe, 0, K);
        System.arraycopy(im, 0, outIm, 0, K);
        int future = lookahead * FrameFormat.HOP;
        outputComb.configure(outputPeriod, future);
        float[] x = history.samples();
        outputComb.filter(x, x.length - future - FrameFormat.WINDOW, combFrame, FrameFormat.WINDOW);
        stft.transformWindowed(combFrame, 0, pr, pi);
        System.arraycopy(delayEnergy[slot], 0, outputEnergy, 0, B);
        bands.energy(pr, pi, outputCombEnergy);
        coherence.compute(outRe, outIm, pr, pi, outputEnergy, outputCombEnergy, outputCoherence);
    }

    /** @return the tracker's pitch correlation for the prepared output frame, 0..1 */
    public float outputPitchCorrelation() {
        return pitchTracker.correlation(lookahead);
    }

    /** @return pitch period of the prepared output frame, samples */
    public int outputPeriod() {
        return outputPeriod;
    }

    /** @return band energies E_b of the prepared output frame (live array, 34) */
    public float[] outputEnergy() {
        return outputEnergy;
    }

    /** @return band coherences q_b of the prepared output frame with its comb output (live, 34) */
    public float[] outputCoherence() {
        return outputCoherence;
    }

    /** @return sum of squared comb taps used for the prepared output frame */
    public float outputSigma2() {
        return outputComb.sigma2();
    }

    /**
     * Synthesis half for the prepared output frame: pitch mixing, band normalisation,
     * post-filter, attenuation floor, gains, inverse STFT and overlap-add. Equivalent to
     * {@link #bandGains} followed by {@link #synthesizeWithBandGains}.
     *
     * @param gains band gains g_b in [0, 1] (34); not modified
     * @param strengths pitch-filter strengths r_b in [0, 1] (34), or null for no comb filtering
     * @param postFilterStrength post-filter strength in [0, {@link PostFilter#MAX_STRENGTH}] (0 = off, 1 = PercepNet's)
     * @param minGain lower bound of every band gain after the post-filter (linear, 0 = no limit),
     *     i.e. 10^(-attenuationLimitDb / 20)
     * @param out receives 480 samples
     * @param off offset into out
     */
    public void synthesize(float[] gains, float[] strengths, float postFilterStrength, float minGain,
                           float[] out, int off) {
        bandGains(gains, postFilterStrength, minGain, finalGain);
        synthesizeWithBandGains(finalGain, strengths, out, off);
    }

    /**
     * The band gains that will be applied to the prepared output frame: the network's gains
     * clamped to [0, 1] (NaN becomes 0), the envelope post-filter on this chain's band energies
     * (ALGORITHM.md step 9), then the attenuation floor. Several channels can share these gains
     * (linked stereo: one set, applied to each channel's chain) so the image stays.
     *
     * @param gains band gains g_b (34); not modified
     * @param postFilterStrength post-filter strength in [0, {@link PostFilter#MAX_STRENGTH}] (0 = off, 1 = PercepNet's)
     * @param minGain lower bound of every band gain (linear, 0 = no limit)
     * @param bandGain receives 34 gains in [minGain, 1]
     */
    public void bandGains(float[] gains, float postFilterStrength, float minGain, float[] bandGain) {
        bandGains(gains, outputEnergy, postFilterStrength, minGain, bandGain);
    }

    /**
     * {@link #bandGains(float[], float, float, float[])} with the post-filter following given band
     * energies instead of this chain's own (a linked stereo pair passes the per-band maximum of
     * both channels' {@link #outputEnergy()}).
     *
     * @param gains band gains g_b (34); not modified
     * @param energy band energies E_b of the output frame the post-filter follows (34, linear)
     * @param postFilterStrength post-filter strength in [0, {@link PostFilter#MAX_STRENGTH}] (0 = off, 1 = PercepNet's)
     * @param minGain lower bound of every band gain (linear, 0 = no limit)
     * @param bandGain receives 34 gains in [minGain, 1]
     */
    public static void bandGains(float[] gains, float[] energy, float postFilterStrength, float minGain,
            float[] bandGain) {
        for (int b = 0; b < B; b++) {
            float g = gains[b];
            bandGain[b] = g >= 0f ? Math.min(g, 1f) : 0f; // also maps NaN to 0
        }
        PostFilter.apply(bandGain, energy, postFilterStrength);
        for (int b = 0; b < B; b++) {
            bandGain[b] = Math.max(bandGain[b], minGain);
        }
    }

    /**
     * Synthesis of the prepared output frame with final band gains: pitch mixing with r_b and the
     * band normalisation of this chain's own spectrum (ALGORITHM.md steps 7-8), per-bin gains
     * interpolated from the bands, inverse STFT and overlap-add.
     *
     * @param bandGain final band gains (34, linear, normally from {@link #bandGains}); not modified
     * @param strengths pitch-filter strengths r_b in [0, 1] (34), or null for no comb filtering
     * @param out receives 480 samples
     * @param off offset into out
     */
    public void synthesizeWithBandGains(float[] bandGain, float[] strengths, float[] out, int off) {
        if (strengths != null) {
            pitchMix.mix(outRe, outIm, pr, pi, outputEnergy, outputCombEnergy, strengths, norm);
        } else {
            java.util.Arrays.fill(norm, 1f);
        }
        for (int b = 0; b < B; b++) {
            this.bandGain[b] = bandGain[b] * norm[b];
        }
        bands.interpolate(this.bandGain, binGain);
        for (int k = 0; k < K; k++) {
            outRe[k] *= binGain[k];
            outIm[k] *= binGain[k];
        }
        stft.synthesize(outRe, outIm, out, off);
    }

    /** Clears all stream state (filters, history, pitch track, overlap). */
    public void reset() {
        highPass.reset();
        stft.reset();
        history.reset();
        pitchHistory.reset();
        pitchSearch.reset();
        pitchTracker.reset();
        for (int i = 0; i <= lookahead; i++) {
            java.util.Arrays.fill(delayRe[i], 0f);
            java.util.Arrays.fill(delayIm[i], 0f);
            java.util.Arrays.fill(delayEnergy[i], 0f);
        }
    }
}
