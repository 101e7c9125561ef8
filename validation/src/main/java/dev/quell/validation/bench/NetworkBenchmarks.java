package dev.quell.validation.bench;

import dev.quell.dsp.FrameChain;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NetworkInputs;
import dev.quell.nn.MatVec;
import dev.quell.nn.ModelState;
import dev.quell.nn.Precision;
import dev.quell.validation.demo.DemoSignals;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Network inference and the complete enhancer per 10 ms frame (mono), with the shipped
 * architecture, float32 or int8 weights. The kernel (Vector API or scalar) is fixed per JVM;
 * {@link Scalar} forks with {@code -Dquell.vector=false}.
 */
public class NetworkBenchmarks extends PerHopBenchmark {
    @Param({"FLOAT32", "INT8"})
    public String precision;

    private ModelState state;
    private float[] features;
    private final float[] gains = new float[FrameFormat.BANDS];
    private final float[] strengths = new float[FrameFormat.BANDS];
    private final FrameChain chain = new FrameChain(2);
    private final NetworkInputs inputs = new NetworkInputs(BenchModels.INPUTS);
    private final float[] hopOut = new float[FrameFormat.HOP];
    private float[] signal;
    private int pos;

    /** Loads the model and the demo signal. @throws IOException never in practice */
    @Setup
    public void setup() throws IOException {
        state = BenchModels.shippedShape(Precision.valueOf(precision)).newState();
        features = new float[BenchModels.INPUTS];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) Math.sin(i);
        }
        float[] clean = DemoSignals.clean(10, 3);
        signal = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4), 5);
        System.out.println("matrix kernel: " + MatVec.get().name());
    }

    /** One frame of network inference. */
    @Benchmark
    public void inference(Blackhole bh) {
        state.infer(features, gains, strengths);
        bh.consume(gains);
    }

    /** The complete enhancer for one mono frame: DSP chain, noise-floor inputs and network. */
    @Benchmark
    public void enhancerFrame(Blackhole bh) {
        pos += FrameFormat.HOP;
        if (pos + FrameFormat.HOP > signal.length) {
            pos = 0;
        }
        chain.analyze(signal, pos);
        state.infer(inputs.update(chain.features()), gains, strengths);
        chain.prepareOutputFrame();
        chain.synthesize(gains, strengths, 1f, 0f, hopOut, 0);
        bh.consume(hopOut);
    }

    /** The same benchmarks with the scalar kernel. */
    @Fork(value = 1, jvmArgsAppend = {"-Dquell.vector=false"})
    public static class Scalar extends NetworkBenchmarks {
    }
}
