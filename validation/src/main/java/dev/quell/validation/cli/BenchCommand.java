package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.validation.bench.InstanceMemory;
import dev.quell.validation.demo.DemoSignals;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell bench}: a short human summary of the engine's real-time cost as a host sees it:
 * the complete engine with the default model (or {@code --model}), {@code --seconds} of demo speech in noise pushed
 * through {@link QuellEngine#process} in host blocks of {@code --block} frames, mono and stereo.
 * Prints CPU time per second of audio (real-time factor, and per channel), the median, 99th
 * percentile and worst block time against the block's deadline, and the bytes allocated per
 * block (thread allocation counter). The JMH benchmarks ({@code ./quell jmh}) give the
 * statistically careful per-stage numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the engine's real-time factor, block times and allocation (host-style blocks).")
public final class BenchCommand implements QuellCommand {
    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "Audio per configuration in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--block", defaultValue = "128", paramLabel = "FRAMES",
            description = "Host block size in frames (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--rate", defaultValue = "48000", paramLabel = "HZ",
            description = "Host sample rate (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--lookahead-ms", defaultValue = "20", paramLabel = "MS", description = "Look-ahead (default: ${DEFAULT-VALUE}).")
    int lookaheadMs;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Instead of the demo signal: this audio file (WAV or FLAC), looped to --seconds; its sample rate "
                    + "replaces --rate, and the stereo run uses its first two channels (or the first twice).")
    java.nio.file.Path input;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.qnn) instead of the bundled one.")
    java.nio.file.Path modelFile;

    @Option(names = "--memory", paramLabel = "CHANNELS",
            description = "Instead: memory of the model and per engine instance with this many channels (1 or 2), in a fresh JVM.")
    Integer memoryChannels;

    @Override
    public Integer call() throws IOException {
        if (memoryChannels != null) {
            return memory();
        }
        if (seconds <= 0 || block < 1 || block > QuellEngine.MAX_CHUNK) {
            throw new CliException("--seconds must be positive and --block 1.." + QuellEngine.MAX_CHUNK);
        }
        float[][] file = null;
        if (input != null) {
            dev.quell.dsp.io.AudioData audio = dev.quell.dsp.io.AudioReader.read(input);
            rate = audio.sampleRate();
            file = audio.channels();
        }
        EngineModels models = models();
        System.out.printf(Locale.ROOT, "Quell engine, %s, %d Hz, %d-frame blocks (deadline %.3f ms), "
                        + "look-ahead %d ms, %.0f s of audio per run (%s); %s, %d cores%n", modelName(), rate, block, 1000.0 * block / rate,
                lookaheadMs, seconds, input == null ? "demo speech in noise" : input.getFileName(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println("| channels | real-time factor | per channel | % of one core | first block | median block | p99 block | worst block | worst / deadline | blocks over deadline | bytes allocated per block |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int ch = 1; ch <= 2; ch++) {
            printRow(ch, measure(models, ch, file != null ? fileChannels(file, ch) : demoChannels(ch)));
        }
        System.out.println();
        System.out.println("The first block is the first process() after prepare(), which warms the JIT.");
        System.out.println("Block times are wall-clock per process() call; with 128-frame blocks most calls only queue "
                + "samples and every 3rd or 4th runs a 10 ms hop, so the median is small and the p99/worst show the hop cost.");
        return 0;
    }

    /**
     * What one run measured.
     *
     * @param times wall-clock time of each {@code process} call in ns, in call order
     * @param cpuNs CPU time of the calling thread over the run, ns
     * @param allocatedBytes bytes the calling thread allocated over the run
     */
    private record Run(long[] times, long cpuNs, long allocatedBytes) {
    }

    /** A fresh engine with {@code ch} channels, fed {@code --seconds} of {@code x} (looped) in host blocks. */
    private Run measure(EngineModels models, int ch, float[][] x) {
        QuellEngine e = new QuellEngine(models);
        e.setParameter(Parameter.LOOKAHEAD, lookaheadMs);
        try {
            e.prepare(rate, block, ch);
        } catch (IllegalArgumentException ex) {
            throw new CliException(ex.getMessage());
        }
        if (x[0].length < block) {
            throw new CliException(input + ": shorter than one " + block + "-frame block");
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int blocks = (int) Math.round(seconds * rate) / block;
        long[] times = new long[blocks];
        float[][] in = new float[ch][block];
        float[][] out = new float[ch][block];
        long tid = Thread.currentThread().getId();
        long cpu0 = mx.getCurrentThreadCpuTime();
        mx.getThreadAllocatedBytes(tid);
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        int pos = 0;
        for (int b = 0; b < blocks; b++) {
            if (pos + block > x[0].length) {
                pos = 0;
            }
            for (int c = 0; c < ch; c++) {
                System.arraycopy(x[c], pos, in[c], 0, block);
            }
            pos += block;
            long t0 = System.nanoTime();
            e.process(in, out, block);
            times[b] = System.nanoTime() - t0;
        }
        long alloc = mx.getThreadAllocatedBytes(tid) - alloc0;
        return new Run(times, mx.getCurrentThreadCpuTime() - cpu0, alloc);
    }

    private void printRow(int ch, Run run) {
        int blocks = run.times().length;
        long first = run.times()[0];
        long[] times = run.times().clone();
        Arrays.sort(times);
        double deadlineNs = 1e9 * block / rate;
        int late = 0;
        for (long t : times) {
            late += t > deadlineNs ? 1 : 0;
        }
        double audio = blocks * (double) block / rate;
        double rtf = run.cpuNs() / 1e9 / audio;
        System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f | %.1f %% | %.1f µs | %.1f µs | %.1f µs | %.1f µs | %.2f | %d of %d | %.1f |%n",
                ch, rtf, rtf / ch, 100 * rtf, first / 1e3, times[blocks / 2] / 1e3, times[(int) (blocks * 0.99)] / 1e3,
                times[blocks - 1] / 1e3, times[blocks - 1] / deadlineNs, late, blocks, run.allocatedBytes() / (double) blocks);
    }

    /** The bundled model, or {@code --model}'s file (float32). */
    private EngineModels models() {
        try {
            return EngineModels.fileOrDefault(modelFile, Precision.FLOAT32);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }

    private String modelName() {
        return modelFile == null ? "default model" : "model " + modelFile;
    }

    /** Demo speech in noise at 5 dB SNR (at most 20 s, looped), a different noise per channel. */
    private float[][] demoChannels(int ch) {
        float[] clean = DemoSignals.clean(Math.min(seconds, 20), 3);
        float[][] x = new float[ch][];
        for (int c = 0; c < ch; c++) {
            x[c] = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4 + c), 5);
        }
        return x;
    }

    /** The file's first ch channels (its first channel again when it has fewer). */
    private static float[][] fileChannels(float[][] file, int ch) {
        float[][] x = new float[ch][];
        for (int c = 0; c < ch; c++) {
            x[c] = file[Math.min(c, file.length - 1)];
        }
        return x;
    }

    private int memory() {
        if (memoryChannels != 1 && memoryChannels != 2) {
            throw new CliException("--memory takes 1 or 2 channels, not " + memoryChannels);
        }
        if (!QuellEngine.supportsRate(rate) || block < 1) {
            throw new CliException("unsupported --rate " + rate + " or --block " + block);
        }
        InstanceMemory m;
        try {
            m = InstanceMemory.measure(modelFile, rate, memoryChannels, block, 10);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        System.out.printf(Locale.ROOT, "Quell engine, %s, %d Hz, %d channel(s), %d-frame blocks; %s, max heap %d MB%n",
                modelName(), rate, memoryChannels, block, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "model (once per JVM): heap %.1f MB, RSS +%.1f MB%n", m.modelHeap() / 1e6, m.modelRss() / 1e6);
        System.out.printf(Locale.ROOT, "first instance: heap %.2f MB, RSS +%.1f MB%n", m.firstHeap() / 1e6, m.firstRss() / 1e6);
        System.out.printf(Locale.ROOT, "each further instance (mean of 10): heap %.2f MB, RSS +%.2f MB%n", m.eachHeap() / 1e6,
                m.eachRss() / 1e6);
        return 0;
    }
}
