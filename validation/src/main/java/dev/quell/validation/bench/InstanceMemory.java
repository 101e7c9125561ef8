package dev.quell.validation.bench;

import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.QuellEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory of the model and of each engine instance, as a plugin host pays it: the live heap (after
 * three full collections) and the process's resident set ({@code VmRSS} of
 * {@code /proc/self/status}, Linux), read after loading the model (the bundled one or a file),
 * after preparing one engine, and after preparing {@code more} further engines. Meaningful only
 * in a fresh JVM (the model is cached per JVM once loaded).
 *
 * @param modelHeap bytes of live heap the model added
 * @param modelRss bytes of RSS the model load added (classes, JIT and heap growth included)
 * @param firstHeap bytes of live heap the first prepared engine added
 * @param firstRss bytes of RSS the first engine added (its warm-up's compiled code included)
 * @param eachHeap bytes of live heap per further engine
 * @param eachRss bytes of RSS per further engine
 */
public record InstanceMemory(long modelHeap, long modelRss, long firstHeap, long firstRss, long eachHeap, long eachRss) {
    /**
     * @param model a model file (.qnn), or null for the bundled default model
     * @param rate host sample rate, Hz (one {@link QuellEngine#supportsRate} accepts)
     * @param channels 1 or 2
     * @param block largest host block, frames
     * @param more further engines to prepare (at least 1)
     * @return the measured memory
     * @throws IOException if /proc/self/status or the model file cannot be read, or the file is not a Quell model
     * @throws IllegalArgumentException for an unsupported configuration
     */
    public static InstanceMemory measure(Path model, int rate, int channels, int block, int more) throws IOException {
        if (more < 1) {
            throw new IllegalArgumentException("more must be at least 1, not " + more);
        }
        long h0 = heap();
        long r0 = rss();
        EngineModels models = EngineModels.fileOrDefault(model, Precision.FLOAT32);
        long h1 = heap();
        long r1 = rss();
        List<QuellEngine> kept = new ArrayList<>();
        kept.add(prepared(models, rate, channels, block));
        long h2 = heap();
        long r2 = rss();
        for (int i = 0; i < more; i++) {
            kept.add(prepared(models, rate, channels, block));
        }
        long h3 = heap();
        long r3 = rss();
        java.lang.ref.Reference.reachabilityFence(kept); // every engine stays live through the last reading
        return new InstanceMemory(h1 - h0, r1 - r0, h2 - h1, r2 - r1, (h3 - h2) / more, (r3 - r2) / more);
    }

    private static QuellEngine prepared(EngineModels models, int rate, int channels, int block) {
        QuellEngine e = new QuellEngine(models);
        e.prepare(rate, block, channels);
        return e;
    }

    private static long heap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return 1024 * Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("/proc/self/status has no VmRSS line");
    }
}
