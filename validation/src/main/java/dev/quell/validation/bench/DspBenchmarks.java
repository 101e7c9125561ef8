package dev.quell.validation.bench;

import dev.quell.dsp.CombFilter;
import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.PitchSearch;
import dev.quell.dsp.PitchTracker;
import dev.quell.dsp.SignalHistory;
import dev.quell.dsp.Stft;
import dev.quell.validation.demo.DemoSignals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the DSP stages per 10 ms frame (48 kHz, mono), on the demo speech-in-noise signal.
 * Real-time factor = (ns per frame) / 10^7; share of one core = the same in percent.
 */
public class DspBenchmarks extends PerHopBenchmark {
    private float[] signal;
    private int pos;
    private final Stft stft = new Stft();
    private final float[] re = new float[FrameFormat.BINS];
    private final float[] im = new float[FrameFormat.BINS];
    private final float[] hopOut = new float[FrameFormat.HOP];
    private final SignalHistory history = new SignalHistory(PitchSearch.MIN_HISTORY);
    private final PitchSearch search = new PitchSearch(PitchSearch.MIN_HISTORY);
    private final PitchTracker tracker = new PitchTracker(2);
    private final CombFilter comb = new CombFilter(CombFilter.DEFAULT_HALF_WIDTH);
    private final float[] combOut = new float[FrameFormat.WINDOW];
    private final FrameChain chain = new FrameChain(2);
    private final float[] ones = new float[FrameFormat.BANDS];

    /** Prepares 10 s of noisy demo speech. */
    @Setup
    public void setup() {
        float[] clean = DemoSignals.clean(10, 3);
        signal = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4), 5);
        java.util.Arrays.fill(ones, 0.7f);
    }

    private int next() {
        pos += FrameFormat.HOP;
        if (pos + FrameFormat.HOP > signal.length) {
            pos = 0;
        }
        return pos;
    }

    /** STFT analysis + synthesis of one frame. */
    @Benchmark
    public void stftAnalysisSynthesis(Blackhole bh) {
        stft.analyze(signal, next(), re, im);
        stft.synthesize(re, im, hopOut, 0);
        bh.consume(hopOut);
    }

    /** Pitch candidates and trajectory for one frame. */
    @Benchmark
    public int pitchAnalysis() {
        history.push(signal, next());
        search.analyze(history);
        tracker.push(search);
        return tracker.period(2);
    }

    /** Comb filter (5 taps at a 200 Hz period) over one 960-sample window, plus its FFT. */
    @Benchmark
    public void combFilter(Blackhole bh) {
        comb.configure(240, 960);
        comb.filter(signal, 2 * 768 + (next() % 48_000), combOut, FrameFormat.WINDOW);
        stft.transformWindowed(combOut, 0, re, im);
        bh.consume(re);
    }

    /** Analysis half of the chain: STFT, pitch, causal comb, coherence, the 70 features. */
    @Benchmark
    public void featureExtraction(Blackhole bh) {
        chain.analyze(signal, next());
        bh.consume(chain.features());
    }

    /** The whole DSP chain for one frame with fixed gains (no network). */
    @Benchmark
    public void dspChain(Blackhole bh) {
        chain.analyze(signal, next());
        chain.prepareOutputFrame();
        chain.synthesize(ones, ones, 1f, 0f, hopOut, 0);
        bh.consume(hopOut);
    }
}
