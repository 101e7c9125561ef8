package dev.quell.plugin.engine;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NetworkInputs;
import dev.quell.nn.Model;
import dev.quell.nn.ModelFile;
import dev.quell.nn.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network an engine runs, loaded once for each look-ahead setting 0..2 frames
 * ({@link ModelFile#read(Path, Precision, int)}: a model trained with 2 frames of look-ahead
 * serves 0 and 1 by folding its convolutions' future taps). Immutable and shared by every engine
 * instance in the process (the weights are read-only; each stream has its own state). Loading
 * allocates and reads files: do it outside the audio thread (construction, {@code prepare}).
 */
public final class EngineModels {
    /** Classpath resource of the default model that ships with Quell. */
    public static final String DEFAULT_RESOURCE = "/dev/quell/plugin/model/default.qnn";

    private static final Map<String, EngineModels> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final Model[] byLookahead = new Model[FrameFormat.MAX_LOOKAHEAD + 1];
    private final int nativeLookahead;

    private EngineModels(String name, Model[] models, int nativeLookahead) {
        this.name = name;
        System.arraycopy(models, 0, byLookahead, 0, models.length);
        this.nativeLookahead = nativeLookahead;
    }

    /**
     * The default model in float32 (loaded on first use, then cached).
     *
     * @return the models
     * @throws UncheckedIOException if the bundled model is missing or corrupt (a packaging defect)
     */
    public static EngineModels defaults() {
        return defaults(Precision.FLOAT32);
    }

    /**
     * The default model in the given precision (cached).
     *
     * @param precision weight precision
     * @return the models
     * @throws UncheckedIOException if the bundled model is missing or corrupt (a packaging defect)
     */
    public static EngineModels defaults(Precision precision) {
        return CACHE.computeIfAbsent("resource:" + precision, k -> {
            try {
                byte[] bytes;
                try (InputStream in = EngineModels.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                    if (in == null) {
                        throw new IOException("the default model " + DEFAULT_RESOURCE + " is missing from the build");
                    }
                    bytes = in.readAllBytes();
                }
                Model[] every = ModelFile.readEveryLookahead(DEFAULT_RESOURCE, bytes, precision);
                return new EngineModels("default model", upToMax(every), every.length - 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Loads a model file (cached by absolute path and precision).
     *
     * @param file a Quell model file ({@link ModelFile})
     * @param precision weight precision
     * @return the models
     * @throws IOException if the file is missing or malformed, or its network takes other inputs than
     *     Quell computes (message names the file)
     */
    public static EngineModels load(Path file, Precision precision) throws IOException {
        String key = file.toAbsolutePath().normalize() + ":" + precision;
        EngineModels cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        if (!Files.isRegularFile(file)) {
            throw new dev.quell.nn.ModelFormatException(file, "no such model file");
        }
        Model[] every = ModelFile.readEveryLookahead(file.toString(), Files.readAllBytes(file), precision);
        Model full = every[every.length - 1];
        int nat = full.lookahead();
        if (!HopProcessor.supportsInputs(full.inputSize())) {
            throw new IOException(file + ": the model takes " + full.inputSize() + " input features per frame; Quell"
                    + " computes " + NetworkInputs.SUPPORTED);
        }
        if (nat > FrameFormat.MAX_LOOKAHEAD) {
            throw new IOException(file + ": the model has " + nat + " frames of look-ahead; Quell supports up to "
                    + FrameFormat.MAX_LOOKAHEAD);
        }
        EngineModels loaded = new EngineModels(file.toString(), upToMax(every), nat);
        CACHE.putIfAbsent(key, loaded);
        return loaded;
    }

    /**
     * A model file when one is given, else the default model: what every {@code --model FILE}
     * option means.
     *
     * @param fileOrNull a Quell model file ({@link ModelFile}), or null for the default model
     * @param precision weight precision
     * @return the models (cached, as {@link #load} and {@link #defaults(Precision)})
     * @throws IOException as {@link #load}, if a file is given
     */
    public static EngineModels fileOrDefault(Path fileOrNull, Precision precision) throws IOException {
        return fileOrNull == null ? defaults(precision) : load(fileOrNull, precision);
    }

    /** Models for look-ahead 0..MAX_LOOKAHEAD from those a file can run with: beyond its own, its own. */
    private static Model[] upToMax(Model[] every) {
        Model[] m = new Model[FrameFormat.MAX_LOOKAHEAD + 1];
        for (int la = 0; la < m.length; la++) {
            m[la] = every[Math.min(la, every.length - 1)];
        }
        return m;
    }

    /**
     * @param lookaheadFrames wanted look-ahead, 0..2
     * @return the model running with min(lookaheadFrames, {@link #nativeLookahead()}) frames
     */
    public Model model(int lookaheadFrames) {
        return byLookahead[Math.max(0, Math.min(FrameFormat.MAX_LOOKAHEAD, lookaheadFrames))];
    }

    /** @return the look-ahead the network was trained with, frames */
    public int nativeLookahead() {
        return nativeLookahead;
    }

    /** @return where the model came from (for messages and reports) */
    public String name() {
        return name;
    }
}
