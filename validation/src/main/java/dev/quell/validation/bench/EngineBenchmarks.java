package dev.quell.validation.bench;

import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.validation.demo.DemoSignals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The complete engine as a host drives it ({@link QuellEngine#process}) with the default model,
 * per 10 ms of audio: one call of 480 frames at 48 kHz (one hop), mono and stereo, and with
 * 128-frame host blocks (cost per 128 frames; multiply by 3.75 for 10 ms). Real-time factor =
 * ns per 10 ms / 10^7.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmarks extends PerHopBenchmark {
    @Param({"1", "2"})
    int channels;

    @Param({"480", "128"})
    int block;

    private QuellEngine engine;
    private float[][] signal;
    private float[][] in;
    private float[][] out;
    private int pos;

    /** Prepares the engine at 48 kHz and 10 s of noisy demo speech per channel. */
    @Setup
    public void setup() {
        engine = new QuellEngine(EngineModels.defaults());
        engine.prepare(48_000, block, channels);
        float[] clean = DemoSignals.clean(10, 3);
        float[] noisy = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4), 5);
        signal = new float[channels][];
        for (int c = 0; c < channels; c++) {
            signal[c] = c == 0 ? noisy : DemoSignals.mix(clean, DemoSignals.noise(clean.length, 5 + c), 5);
        }
        in = new float[channels][block];
        out = new float[channels][block];
    }

    /** One host block through the engine. */
    @Benchmark
    public void process(Blackhole bh) {
        if (pos + block > signal[0].length) {
            pos = 0;
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(signal[c], pos, in[c], 0, block);
        }
        pos += block;
        engine.process(in, out, block);
        bh.consume(out);
    }
}
