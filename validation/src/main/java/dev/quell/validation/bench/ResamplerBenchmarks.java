package dev.quell.validation.bench;

import dev.quell.dsp.resample.Resampler;
import dev.quell.validation.demo.DemoSignals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Cost of the engine's rate path per 10 ms of host audio, mono: the host block converted to
 * 48 kHz and 480 samples at 48 kHz converted back, as {@code QuellEngine} does at a host rate
 * other than 48 kHz. Share of one core = (ns per operation) / 10^5 percent.
 */
public class ResamplerBenchmarks extends PerHopBenchmark {
    /** Host sample rate, Hz. */
    @Param({"8000", "16000", "44100", "96000"})
    public int hostRate;

    private float[] signal;
    private float[] at48;
    private float[] back;
    private int block;
    private int pos;
    private Resampler up;
    private Resampler down;

    /** Prepares 10 s of noisy demo speech and the two converters. */
    @Setup
    public void setup() {
        float[] clean = DemoSignals.clean(10, 3);
        signal = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4), 5);
        block = hostRate / 100;
        up = new Resampler(hostRate, 48000);
        down = new Resampler(48000, hostRate);
        at48 = new float[up.maxOutput(block)];
        back = new float[down.maxOutput(480)];
    }

    /** One 10 ms host block up to 48 kHz and one 480-sample hop back down. */
    @Benchmark
    public int roundTripPer10ms() {
        pos += block;
        if (pos + 480 > signal.length) {
            pos = 0;
        }
        up.process(signal, pos, block, at48, 0);
        return down.process(signal, pos, 480, back, 0);
    }
}
