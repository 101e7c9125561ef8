package dev.quell.plugin.engine;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.resample.Resampler;
import dev.quell.dsp.resample.UpperBandNoise;
import dev.quell.presets.Preset;
import java.util.Random;

/**
 * The object a plugin host drives: Quell on any host buffer, at the host's sample rate, with
 * parameters, exact latency, bypass and state. The native VST3/LV2 shim only forwards to it.
 *
 * <h2>Lifecycle</h2>
 * {@link #prepare} (allocates, loads, warms the JIT; not real-time), then any number of
 * {@link #process} calls with 0..8192 frames each (larger blocks are split internally),
 * {@link #reset()} to start a new stream (transport jump), {@link #release()} to free the
 * buffers. {@link #process} allocates nothing, takes no locks and does no I/O.
 *
 * <h2>Signal path</h2>
 * Host audio is resampled to 48 kHz when needed (polyphase {@link Resampler}; below 48 kHz the
 * empty band above the host's Nyquist frequency gets the {@link UpperBandNoise} floor, which the
 * conversion back removes), collected into
 * 10 ms hops of 480 samples per channel, enhanced hop by hop ({@link HopProcessor}: ALGORITHM.md
 * steps 1-10 with the network), resampled back and delivered through an output FIFO that is
 * primed with just enough zeros that every block can be served whatever the block sizes. The
 * output is therefore a fixed function of the input stream: bit-identical for any sequence of
 * block sizes.
 *
 * <h2>Latency</h2>
 * At 48 kHz with look-ahead L frames: (1 + L) * 480 samples of STFT overlap and look-ahead plus
 * 479 samples of reframing (the worst case of an arbitrary host block against the 480-sample
 * hop), i.e. 959 / 1439 / 1919 samples for 0 / 10 / 20 ms. The "10 ms + look-ahead" of the
 * PercepNet paper counts a hop-synchronous caller that hands over exactly 480 samples per call;
 * a plugin cannot assume that, so the reframing is added and reported. At other rates the two
 * resamplers' delays are added and a few samples of padding make the total an exact integer
 * number of host samples; {@link #latencySamples()} is exact (verified by cross-correlation in
 * the tests).
 *
 * <h2>Parameters</h2>
 * {@link #setParameter} may be called from any thread; {@link #process} reads each value once
 * per block. The post-filter parameter is scaled by the host rate ({@link PostFilterRateScale}:
 * half at 8 kHz, three quarters at 16 kHz, 1.5 times, a sharper warp, at 48 kHz with look-ahead)
 * and, hop by hop, limited to 1 while the input's estimated SNR is low ({@link PostFilterSnrLimit}).
 * Post-filter strength and attenuation limit are smoothed hop by hop (time constant
 * about 20 ms, and the 50 %-overlapped synthesis window interpolates between hops), bypass
 * crossfades over 10 ms against the dry input delayed by the latency, and a look-ahead change
 * fades out over 5 ms, switches the latency, and fades back in once the new pipeline is primed.
 * A look-ahead change is reported to the {@link LatencyListener}.
 *
 * <h2>Bad input</h2>
 * NaN becomes 0, infinities and samples beyond +/- 64 (+36 dBFS) are clamped, subnormal
 * numbers are flushed; no state is poisoned and the output is always finite. The output never
 * exceeds the recent peak of the aligned dry input ({@link OutputCeiling}), where an infinity
 * counts as full scale: non-finite input cannot make the output louder than 0 dBFS.
 *
 * <p>Not thread-safe apart from the parameter setters: one thread calls lifecycle and
 * {@code process} methods at a time (as every host does).
 */
public final class QuellEngine {
    /** The standard sample rates, Hz; {@link #prepare} accepts these and any other {@link #supportsRate} accepts. */
    public static final int[] SUPPORTED_RATES = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000, 176400, 192000};
    /** Lowest host rate, Hz. */
    public static final int MIN_RATE = 8000;
    /** Highest host rate, Hz. */
    public static final int MAX_RATE = 384_000;
    /** Largest block handled in one piece; larger blocks are split. */
    public static final int MAX_CHUNK = 8192;

    private static final int HOP = FrameFormat.HOP;
    private static final int RATE = FrameFormat.SAMPLE_RATE;
    private static final int LOOKAHEADS = FrameFormat.MAX_LOOKAHEAD + 1;
    /** Per-hop one-pole smoothing step: y += 0.4 (x - y), a time constant of 10 ms / -ln(0.6) = 20 ms. */
    private static final float SMOOTH = 0.4f;

    private final EngineModels models;
    private final ParameterValues params = new ParameterValues();
    private volatile LatencyListener listener;

    // prepared configuration
    private boolean prepared;
    private int sampleRate = RATE;
    private int channels;
    private int chunk;
    private HopProcessor[] pipelines;
    private LatencyPlan plan;
    private Resampler[] inResampler;
    private Resampler[] outResampler;
    /** Per channel: the noise floor above the host's Nyquist frequency (null at 48 kHz and above). */
    private UpperBandNoise[] upperBand;
    private SampleFifo[] in48;
    private SampleFifo[] out48;
    private SampleFifo[] hostOut;
    private SampleFifo[] dry;
    private float[][] hopIn;
    private float[][] hopOut;
    private float[][] scratch48;
    private float[][] scratchHost;
    private float[][] wet;
    private float[][] dryOut;
    private OutputCeiling[] ceilings;

    // stream state
    private int activeLookahead;
    private float postFilter;
    private float minGain;
    private final Crossfader crossfader = new Crossfader();

    /** Creates an engine with the default model (loaded on first use, shared by all engines). */
    public QuellEngine() {
        this(EngineModels.defaults());
    }

    /** @param models the network to run (see {@link EngineModels}) */
    public QuellEngine(EngineModels models) {
        this.models = models;
    }

    /** @return the network this engine runs */
    public EngineModels models() {
        return models;
    }

    /**
     * Allocates every buffer and state for a stream, measures the exact latency for each
     * look-ahead setting, and warms the JIT by running 3 s of synthetic audio ({@code warmUp}) through
     * the real path (about 0.3 s of CPU). Not real-time safe. May be called again to change the
     * configuration.
     *
     * @param sampleRateHz host sample rate, one {@link #supportsRate} accepts (a fractional part
     *     below 1e-6 Hz is tolerated)
     * @param maxBlockSize largest block the host will pass, frames (at least 1)
     * @param channelCount 1 (mono) or 2 (stereo)
     * @throws IllegalArgumentException for an unsupported rate, channel count or block size (the
     *     engine is then not prepared and {@link #process} outputs silence)
     */
    public void prepare(double sampleRateHz, int maxBlockSize, int channelCount) {
        prepared = false;
        int fs = (int) Math.round(sampleRateHz);
        if (Math.abs(sampleRateHz - fs) >= 1e-6 || !supportsRate(fs)) {
            throw Messages.unsupportedRate(sampleRateHz);
        }
        if (channelCount != 1 && channelCount != 2) {
            throw Messages.unsupportedChannels(channelCount);
        }
        if (maxBlockSize < 1) {
            throw Messages.blockSizeBelowOne(maxBlockSize);
        }
        sampleRate = fs;
        channels = channelCount;
        chunk = Math.min(maxBlockSize, MAX_CHUNK);
        pipelines = new HopProcessor[LOOKAHEADS];
        for (int la = 0; la < LOOKAHEADS; la++) {
            pipelines[la] = new HopProcessor(models.model(la), channels);
        }
        plan = prepareRateConversion();
        allocateBuffers();
        crossfader.prepare(fs);
        prepared = true;
        dev.quell.plugin.runtime.JitStringConstants.ensureInterned();
        warmUp();
        reset();
    }

    /**
     * Makes the converters to and from 48 kHz (none at 48 kHz) and the upper-band noise of each
     * channel.
     *
     * @return the latency plan of every look-ahead setting at this rate
     */
    private LatencyPlan prepareRateConversion() {
        boolean resample = sampleRate != RATE;
        inResampler = new Resampler[channels];
        outResampler = new Resampler[channels];
        upperBand = new UpperBandNoise[channels];
        int d1 = 0;
        int d2 = 0;
        if (resample) {
            for (int c = 0; c < channels; c++) {
                inResampler[c] = new Resampler(sampleRate, RATE);
                outResampler[c] = new Resampler(RATE, sampleRate);
                upperBand[c] = UpperBandNoise.forSourceRate(sampleRate);
            }
            d1 = inResampler[0].delay();
            d2 = outResampler[0].delay();
        }
        int[] chains = new int[LOOKAHEADS];
        for (int la = 0; la < LOOKAHEADS; la++) {
            chains[la] = pipelines[la].latencySamples();
        }
        return new LatencyPlan(sampleRate, chains, d1, d2);
    }

    /** Sizes every FIFO and scratch buffer for the largest block, padding and latency of the plan. */
    private void allocateBuffers() {
        boolean resample = sampleRate != RATE;
        int maxPad = plan.maxPadding48();
        int maxPrime = plan.maxPrimeHost();
        int maxLatency = plan.maxLatency();
        int max48 = resample ? inResampler[0].maxOutput(chunk) : chunk;
        int in48Capacity = max48 + HOP;
        int out48Capacity = maxPad + in48Capacity;
        int maxHost = resample ? outResampler[0].maxOutput(out48Capacity) : out48Capacity;
        in48 = new SampleFifo[channels];
        out48 = new SampleFifo[channels];
        hostOut = new SampleFifo[channels];
        dry = new SampleFifo[channels];
        hopIn = new float[channels][HOP];
        hopOut = new float[channels][HOP];
        scratch48 = new float[channels][out48Capacity];
        scratchHost = new float[channels][Math.max(maxHost, max48)];
        wet = new float[channels][chunk];
        dryOut = new float[channels][chunk];
        ceilings = new OutputCeiling[channels];
        for (int c = 0; c < channels; c++) {
            ceilings[c] = new OutputCeiling(sampleRate);
            in48[c] = new SampleFifo(in48Capacity);
            out48[c] = new SampleFifo(out48Capacity);
            hostOut[c] = new SampleFifo(maxPrime + maxHost + chunk + 2 * HOP * 4);
            dry[c] = new SampleFifo(maxLatency + chunk);
        }
    }

    /**
     * @param rateHz a sample rate in Hz
     * @return true if {@link #prepare} accepts it: {@value #MIN_RATE} to {@value #MAX_RATE} Hz
     *     where the converter to and from 48 kHz can be designed ({@link Resampler#supports}) —
     *     the {@link #SUPPORTED_RATES} and odd ones such as 37,800 or 352,800 Hz, not 12,345 Hz
     */
    public static boolean supportsRate(int rateHz) {
        return rateHz >= MIN_RATE && rateHz <= MAX_RATE && Resampler.supports(rateHz, RATE) && Resampler.supports(RATE, rateHz);
    }

    /**
     * Runs synthetic speech-like audio through the real path so the JIT compiles it, one second
     * for every look-ahead. Shorter passes (a quarter second for the two look-aheads after the
     * first) cut the first instance's start-up by 0.25 s but left compilations to the audio
     * thread: worst 128-frame block 1.8-3.7 ms instead of 0.8 ms in {@code quell bench}, one block
     * over its 2.67 ms deadline in two of four runs (2026-12-02), so the three seconds stay.
     */
    private void warmUp() {
        Random rnd = new Random(1);
        int n = sampleRate; // one second per look-ahead
        float[][] x = new float[channels][n];
        for (int i = 0; i < n; i++) {
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * i / sampleRate);
            double v = 0.1 * env * Math.sin(2 * Math.PI * 150 * i / sampleRate) + 0.01 * rnd.nextGaussian();
            for (int c = 0; c < channels; c++) {
                x[c][i] = (float) v;
            }
        }
        float[][] in = new float[channels][chunk];
        float[][] out = new float[channels][chunk];
        // Every branch of the audio path should be in the JIT's profile before the optimising
        // compiler sees it: C2 compiles a branch that was never taken as a trap, and taking it
        // later (say, the first bypass in a session) deoptimises the audio path in the middle of
        // a block and runs it in the interpreter until it is recompiled (JFR showed such a trap
        // in processChunk on the bypass test). So each pass also moves the post-filter and the
        // attenuation floor, bypasses and un-bypasses, and runs a look-ahead switch fade.
        for (int la = 0; la < LOOKAHEADS; la++) {
            activeLookahead = la;
            resetStream();
            int pos = 0;
            boolean switched = false;
            while (pos < n) {
                int m = Math.min(n - pos, 1 + rnd.nextInt(chunk));
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(x[c], pos, in[c], 0, m);
                }
                int quarter = 4 * pos / n;
                float bypass = quarter == 1 ? 1f : 0f;
                float post = quarter % 2 == 0 ? 1f : 0.3f;
                float floor = quarter == 2 ? floorOf(12) : 0f;
                if (quarter == 3 && !switched) {
                    startSwitchFade();
                    switched = true;
                }
                processChunk(in, out, 0, m, post, floor, bypass);
                pos += m;
            }
        }
    }

    /** @return true after a successful {@link #prepare} and before {@link #release()} */
    public boolean isPrepared() {
        return prepared;
    }

    /**
     * @return the post-filter strength the next hop starts from (0..1.5): the smoothed parameter
     *     times {@link PostFilterRateScale} for the host rate and running look-ahead, before the
     *     hop's {@link PostFilterSnrLimit}
     */
    float appliedPostFilter() {
        return postFilter;
    }

    /** @return the prepared sample rate in Hz (48000 before prepare) */
    public int sampleRate() {
        return sampleRate;
    }

    /** @return the prepared channel count (0 before prepare) */
    public int channels() {
        return prepared ? channels : 0;
    }

    /**
     * The latency for the current look-ahead parameter at the prepared sample rate (48 kHz before
     * prepare): the delay in samples between an input sample and the same sample in the output.
     *
     * @return latency in host samples
     */
    public int latencySamples() {
        int la = lookaheadFrames();
        return prepared ? plan.latency(la) : (1 + la) * HOP + HOP - 1;
    }

    private int lookaheadFrames() {
        return (int) Math.round(params.get(Parameter.LOOKAHEAD) / 10.0);
    }

    /**
     * Sets a parameter from any thread; it takes effect at the next block (smoothed). A change of
     * look-ahead that changes the latency is reported to the {@link LatencyListener} on this
     * thread.
     *
     * @param p the parameter
     * @param plainValue plain value (clamped into range and onto the step grid; NaN gives the default)
     * @return the value stored
     */
    public double setParameter(Parameter p, double plainValue) {
        int before = latencySamples();
        double v = params.set(p, plainValue);
        if (p == Parameter.LOOKAHEAD) {
            int after = latencySamples();
            LatencyListener l = listener;
            if (after != before && l != null) {
                l.latencyChanged(after);
            }
        }
        return v;
    }

    /**
     * @param p the parameter
     * @return its current plain value
     */
    public double getParameter(Parameter p) {
        return params.get(p);
    }

    /** @param l told about latency changes (null for none) */
    public void setLatencyListener(LatencyListener l) {
        listener = l;
    }

    /**
     * Applies a preset: every parameter it names takes its value, every other preset-able
     * parameter its default; bypass is left alone.
     *
     * @param preset a preset validated against {@link PresetParameters#SCHEMA}
     */
    public void applyPreset(Preset preset) {
        for (Parameter p : PresetParameters.PARAMETERS) {
            Double v = preset.values().get(p.id());
            setParameter(p, v == null ? p.defaultValue() : v);
        }
    }

    /**
     * @return the engine's state as versioned JSON ({@link EngineState}): every parameter
     */
    public byte[] saveState() {
        return EngineState.write(params);
    }

    /**
     * Restores a state saved by {@link #saveState()}. Never throws: an unknown version, a corrupt
     * or truncated blob, or anything else {@link EngineState#read} refuses changes no parameter,
     * and the reason is returned (the plugin shims' C reader applies the same rules).
     *
     * @param state the bytes
     * @return null on success, otherwise a message describing the problem
     */
    public String loadState(byte[] state) {
        double[] values;
        try {
            values = EngineState.read(state);
        } catch (EngineState.StateException e) {
            return Messages.stateRefused(e.getMessage());
        }
        for (Parameter p : Parameter.values()) {
            setParameter(p, values[p.ordinal()]);
        }
        return null;
    }

    /** Clears the audio state (transport jump): FIFOs, filters, network memory, fades. Not real-time safe only in that it touches every buffer once. */
    public void reset() {
        if (!prepared) {
            return;
        }
        activeLookahead = lookaheadFrames();
        resetStream();
    }

    private void resetStream() {
        int la = activeLookahead;
        pipelines[la].reset();
        for (int c = 0; c < channels; c++) {
            if (inResampler[c] != null) {
                inResampler[c].reset();
                outResampler[c].reset();
            }
            if (upperBand[c] != null) {
                upperBand[c].reset();
            }
            in48[c].clear();
            out48[c].clear();
            out48[c].writeZeros(plan.padding48(la));
            hostOut[c].clear();
            hostOut[c].writeZeros(plan.primeHost(la));
            dry[c].clear();
            dry[c].writeZeros(plan.latency(la));
            ceilings[c].reset();
        }
        postFilter = postFilterOf(postFilterShare(), la);
        minGain = floorOf(params.get(Parameter.ATTENUATION_LIMIT));
        crossfader.reset(bypassOf(params.get(Parameter.BYPASS)));
    }

    /** Frees the buffers; {@link #prepare} must be called before the next {@link #process}. */
    public void release() {
        prepared = false;
        pipelines = null;
        in48 = out48 = hostOut = dry = null;
        hopIn = hopOut = scratch48 = scratchHost = wet = dryOut = null;
    }

    /** @return the post-filter parameter as a share, 0..1 */
    private float postFilterShare() {
        return (float) (params.get(Parameter.POST_FILTER) / 100.0);
    }

    /**
     * @param share the post-filter parameter, 0..1
     * @param lookaheadHops the look-ahead the pipeline runs with, hops
     * @return the strength to apply (0..1.5) at the prepared host rate ({@link PostFilterRateScale})
     */
    private float postFilterOf(float share, int lookaheadHops) {
        return share * PostFilterRateScale.of(sampleRate, lookaheadHops);
    }

    private static float floorOf(double limitDb) {
        return (float) Math.pow(10, -limitDb / 20);
    }

    /**
     * Processes one block. {@code in} and {@code out} may be the same arrays (in-place).
     * Allocation-free, lock-free, no I/O. Before {@link #prepare} (or after a failed one) the
     * output is silence.
     *
     * @param in per channel (as prepared), at least numFrames samples each
     * @param out per channel, receives numFrames samples each
     * @param numFrames frames in this block, 0 or more (any size; blocks above
     *     {@link #MAX_CHUNK} or the prepared maximum are split)
     */
    public void process(float[][] in, float[][] out, int numFrames) {
        if (numFrames <= 0) {
            return;
        }
        if (!prepared) {
            for (float[] o : out) {
                java.util.Arrays.fill(o, 0, numFrames, 0f);
            }
            return;
        }
        int wanted = lookaheadFrames();
        if (wanted != activeLookahead && !crossfader.switching()) {
            startSwitchFade();
        }
        float postShare = postFilterShare();
        float gainTarget = floorOf(params.get(Parameter.ATTENUATION_LIMIT));
        float bypassTarget = bypassOf(params.get(Parameter.BYPASS));
        int pos = 0;
        while (pos < numFrames) {
            int m = Math.min(chunk, numFrames - pos);
            processChunk(in, out, pos, m, postShare, gainTarget, bypassTarget);
            pos += m;
        }
    }

    /** Starts the fade-out that precedes a look-ahead switch (the switch happens at its end). */
    private void startSwitchFade() {
        crossfader.startSwitch();
    }

    /** 1 when the bypass parameter value is at least 0.5, else 0, without a branch. */
    private static float bypassOf(double value) {
        return (float) Math.floor(Math.min(1.0, Math.max(0.0, value)) + 0.5);
    }

    /**
     * @param postShare post-filter parameter as a share (0..1); the strength the smoothing moves
     *     toward is this times {@link PostFilterRateScale} for the running look-ahead
     * @param gainTarget attenuation floor the smoothing moves toward (linear)
     * @param bypassTarget 1 = bypassed, 0 = enhancing; the crossfade moves toward it
     */
    private void processChunk(float[][] in, float[][] out, int off, int m, float postShare, float gainTarget,
            float bypassTarget) {
        feedInput(in, off, m);
        runHops(postFilterOf(postShare, activeLookahead), gainTarget);
        drainToHostRate(m);
        mixOut(out, off, m, bypassTarget);
        if (crossfader.takeSwitchDue()) {
            activeLookahead = lookaheadFrames();
            resetStream();
            crossfader.switched(plan.latency(activeLookahead));
        }
    }

    /**
     * 1. Input: the dry delay line (NaN becomes 0, ±infinity ±1, the rest is clamped to ±64) and
     * the 48 kHz hop FIFO, through the converter and upper-band noise when the host rate differs.
     * Reads everything of {@code in} before anything is written out (in and out may be one array).
     */
    private void feedInput(float[][] in, int off, int m) {
        for (int c = 0; c < channels; c++) {
            float[] x = in[c];
            float[] d = dryOut[c];
            for (int i = 0; i < m; i++) {
                float v = x[off + i];
                d[i] = v >= -64f && v <= 64f ? v : Float.isInfinite(v) ? Math.signum(v) : v > 64f ? 64f : v < -64f ? -64f : 0f;
            }
            dry[c].write(d, 0, m);
            dry[c].read(d, 0, m);
            if (inResampler[c] != null) {
                int k = inResampler[c].process(x, off, m, scratchHost[c], 0);
                if (upperBand[c] != null) {
                    upperBand[c].addTo(scratchHost[c], 0, k);
                }
                in48[c].write(scratchHost[c], 0, k);
            } else {
                in48[c].write(x, off, m);
            }
        }
    }

    /** 2. Every whole 10 ms hop at 48 kHz, with the post-filter and gain floor smoothed per hop. */
    private void runHops(float postTarget, float gainTarget) {
        HopProcessor hop = pipelines[activeLookahead];
        while (in48[0].size() >= HOP) {
            for (int c = 0; c < channels; c++) {
                in48[c].read(hopIn[c], 0, HOP);
            }
            postFilter += SMOOTH * (postTarget - postFilter);
            minGain += SMOOTH * (gainTarget - minGain);
            hop.process(hopIn, 0, hopOut, 0, postFilter, minGain);
            for (int c = 0; c < channels; c++) {
                out48[c].write(hopOut[c], 0, HOP);
            }
        }
    }

    /** 3. The processed 48 kHz samples back to the host rate; {@code m} of them into {@link #wet}. */
    private void drainToHostRate(int m) {
        for (int c = 0; c < channels; c++) {
            int k = out48[c].size();
            out48[c].read(scratch48[c], 0, k);
            if (outResampler[c] != null) {
                int j = outResampler[c].process(scratch48[c], 0, k, scratchHost[c], 0);
                hostOut[c].write(scratchHost[c], 0, j);
            } else {
                hostOut[c].write(scratch48[c], 0, k);
            }
            hostOut[c].read(wet[c], 0, m);
        }
    }

    /**
     * 4. The bypass crossfade and look-ahead switching fades ({@link Crossfader}), per sample, then
     * the output ceiling; a non-finite or absurd (beyond ±1e6) wet sample becomes silence.
     */
    private void mixOut(float[][] out, int off, int m, float bypassTarget) {
        for (int i = 0; i < m; i++) {
            float mix = crossfader.nextBypassMix(bypassTarget);
            float fade = crossfader.nextFade();
            for (int c = 0; c < channels; c++) {
                float w = wet[c][i];
                float d = dryOut[c][i];
                float v = mix == 0f ? w : mix == 1f ? d : w + (d - w) * mix;
                v *= fade;
                out[c][off + i] = ceilings[c].limit(v == v && v <= 1e6f && v >= -1e6f ? v : 0f, d);
            }
        }
    }
}
