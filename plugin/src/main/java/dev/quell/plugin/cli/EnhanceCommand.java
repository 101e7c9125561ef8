package dev.quell.plugin.cli;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.OfflineRenderer;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.PresetParameters;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.presets.Preset;
import dev.quell.presets.UserPresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell enhance}: enhances WAV/FLAC files with the plugin engine itself
 * ({@link QuellEngine} driven block by block through {@link OfflineRenderer}, exactly as a host
 * renders it), writes WAV in the input's sample rate, channel count and bit depth (unless told
 * otherwise), time-aligned and of the same length. INPUT may be a folder: its tree of .wav and
 * .flac files is mirrored under OUTPUT. Inputs are never overwritten, outputs are written
 * atomically, a bad file is reported and skipped, and the exit code is 1 if any file failed.
 *
 * <p>Mono and stereo files at the engine's rates run directly; other rates are converted to
 * 48 kHz and back around the engine.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Enhance speech in WAV/FLAC files (a file or a folder tree) with the default model.")
public final class EnhanceCommand implements QuellCommand {
    @Parameters(index = "0", paramLabel = "INPUT", description = "A .wav/.flac file, or a folder of them.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Output .wav file (or folder, for a folder INPUT).")
    Path output;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Factory or user preset name, or a preset .json file (see 'quell presets').")
    String preset;

    @Option(names = "--post-filter", paramLabel = "PCT", description = "Post-filter strength 0..100 %% (default 100).")
    Double postFilter;

    @Option(names = "--lookahead-ms", paramLabel = "MS", description = "Network look-ahead: 0, 10 or 20 ms (default 20).")
    Integer lookaheadMs;

    @Option(names = "--attenuation-limit-db", paramLabel = "DB",
            description = "Maximum noise reduction, 6..100 dB (default 100, in effect unlimited).")
    Double attenuationLimitDb;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.qnn) instead of the bundled one.")
    Path modelFile;

    @Option(names = "--int8", description = "Run the network with 8-bit weights.")
    boolean int8;

    @Option(names = "--format", paramLabel = "FMT", description = "Output samples: 16, 24 or float (default: as the input).")
    String format;

    @Option(names = "--block", defaultValue = "4096", paramLabel = "FRAMES",
            description = "Frames per engine call, 1..8192 (the result does not depend on it; default ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--preset-dir", paramLabel = "DIR", description = "User preset folder (default: ~/.config/quell/presets).")
    Path presetDir;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when the output is a terminal).")
    Boolean progress;

    private final Map<String, QuellEngine> engines = new HashMap<>();
    private EngineModels models;
    private final Map<Parameter, Double> settings = new EnumMap<>(Parameter.class);

    /** One file to process. */
    record Job(Path in, Path out) {
    }

    @Override
    public Integer call() throws IOException {
        resolveSettings();
        if (block < 1 || block > QuellEngine.MAX_CHUNK) {
            throw new CliException("--block must be 1.." + QuellEngine.MAX_CHUNK);
        }
        SampleFormat fixedFormat = null;
        if (format != null) {
            try {
                fixedFormat = SampleFormat.parseWritable(format);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        List<Job> jobs = jobs();
        Precision precision = int8 ? Precision.INT8 : Precision.FLOAT32;
        models = modelFile == null ? EngineModels.defaults(precision) : EngineModels.load(modelFile, precision);

        long totalBytes = 0;
        for (Job j : jobs) {
            totalBytes += Math.max(1, Files.size(j.in()));
        }
        boolean showProgress = progress != null ? progress : System.console() != null;
        long start = System.nanoTime();
        double audioSeconds = 0;
        int failed = 0;
        ProgressBar bar = showProgress ? new ProgressBarBuilder().setTaskName("Enhancing").setInitialMax(totalBytes)
                .setUnit(" MB", 1_000_000).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
        try {
            long doneBytes = 0;
            for (Job j : jobs) {
                long size = Math.max(1, Files.size(j.in()));
                long base = doneBytes;
                try {
                    audioSeconds += enhance(j, fixedFormat, fraction -> {
                        if (bar != null) {
                            bar.stepTo(base + (long) (fraction * size));
                        }
                    });
                } catch (IOException | IllegalArgumentException | CliException e) {
                    failed++;
                    if (bar != null) {
                        bar.pause();
                    }
                    System.err.println("quell: skipped " + j.in() + ": " + message(e, j.in()));
                    if (bar != null) {
                        bar.resume();
                    }
                }
                doneBytes += size;
                if (bar != null) {
                    bar.stepTo(doneBytes);
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int ok = jobs.size() - failed;
        System.out.printf(Locale.ROOT, "enhanced %d file(s)%s: %s of audio in %.1f s wall time (%.1fx real time, "
                        + "real-time factor %.3f)%n", ok, failed > 0 ? ", " + failed + " failed" : "",
                duration(audioSeconds), wall, audioSeconds / Math.max(wall, 1e-9), wall / Math.max(audioSeconds, 1e-9));
        QuellEngine unprepared = new QuellEngine(models);
        settings.forEach(unprepared::setParameter);
        int latency48 = unprepared.latencySamples();
        System.out.printf(Locale.ROOT, "settings: post-filter %s, look-ahead %s, attenuation limit %s (plugin latency "
                        + "%d samples at 48 kHz, removed from the files); %s%s%n",
                Parameter.POST_FILTER.format(settings.get(Parameter.POST_FILTER)),
                Parameter.LOOKAHEAD.format(settings.get(Parameter.LOOKAHEAD)),
                Parameter.ATTENUATION_LIMIT.format(settings.get(Parameter.ATTENUATION_LIMIT)),
                latency48, models.name(), int8 ? " (int8)" : "");
        if (failed > 0) {
            throw new CliException(failed + " of " + jobs.size() + " file(s) failed");
        }
        return 0;
    }

    private static String message(Exception e, Path file) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = file.toString() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String duration(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long m = (long) (s / 60);
        return String.format(Locale.ROOT, "%d min %.1f s", m, s - 60 * m);
    }

    /** Preset values, then explicit options on top. */
    private void resolveSettings() {
        for (Parameter p : PresetParameters.PARAMETERS) {
            settings.put(p, p.defaultValue());
        }
        if (preset != null) {
            Preset p = PresetResolver.resolve(preset, presetDir != null ? presetDir : UserPresets.defaultDirectory());
            for (Parameter q : PresetParameters.PARAMETERS) {
                settings.put(q, p.values().getOrDefault(q.id(), q.defaultValue()));
            }
        }
        put(Parameter.POST_FILTER, postFilter, "--post-filter");
        put(Parameter.LOOKAHEAD, lookaheadMs == null ? null : lookaheadMs.doubleValue(), "--lookahead-ms");
        put(Parameter.ATTENUATION_LIMIT, attenuationLimitDb, "--attenuation-limit-db");
    }

    private void put(Parameter p, Double value, String option) {
        if (value == null) {
            return;
        }
        String problem = p.check(value);
        if (problem != null) {
            throw new CliException(option + " " + problem + ", not " + value);
        }
        settings.put(p, value);
    }

    private static boolean isAudio(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".flac");
    }

    private static Path wavName(Path rel) {
        String n = rel.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String w = (dot > 0 ? n.substring(0, dot) : n) + ".wav";
        return rel.getParent() == null ? Path.of(w) : rel.getParent().resolve(w);
    }

    private List<Job> jobs() throws IOException {
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (!Files.exists(in)) {
            throw new CliException(input + ": no such file or folder");
        }
        List<Job> jobs = new ArrayList<>();
        if (Files.isDirectory(in)) {
            if (Files.isRegularFile(out)) {
                throw new CliException("INPUT is a folder, so OUTPUT must be a folder: " + output + " is a file");
            }
            if (out.equals(in)) {
                throw new CliException("refusing to write into the input folder " + input + "; choose another OUTPUT");
            }
            try (Stream<Path> files = Files.walk(in)) {
                files.filter(Files::isRegularFile).filter(EnhanceCommand::isAudio)
                        .filter(f -> !f.startsWith(out)).sorted()
                        .forEach(f -> jobs.add(new Job(f, out.resolve(wavName(in.relativize(f))))));
            }
            if (jobs.isEmpty()) {
                throw new CliException(input + ": no .wav or .flac files found");
            }
        } else {
            Path target = Files.isDirectory(out) ? out.resolve(wavName(in.getFileName())) : out;
            jobs.add(new Job(in, target));
        }
        for (Job j : jobs) {
            if (j.out().equals(j.in()) || (Files.exists(j.out()) && Files.isSameFile(j.out(), j.in()))) {
                throw new CliException("refusing to overwrite the input " + j.in() + "; choose another OUTPUT");
            }
        }
        return jobs;
    }

    /** @return seconds of audio processed */
    private double enhance(Job job, SampleFormat fixedFormat, java.util.function.DoubleConsumer progress)
            throws IOException {
        AudioData audio = AudioReader.read(job.in());
        int ch = audio.channelCount();
        if (ch > 2) {
            throw new CliException(ch + " channels: Quell enhances mono and stereo files");
        }
        int rate = audio.sampleRate();
        QuellEngine engine = engine(OfflineRenderer.engineRate(rate), ch);
        float[][] y = OfflineRenderer.renderAtRate(engine, audio.channels(), rate, block, progress);
        SampleFormat fmt = fixedFormat != null ? fixedFormat : outputFormat(audio.format());
        WavWriter.write(job.out(), new AudioData(rate, y, fmt), fmt);
        return audio.seconds();
    }

    private static SampleFormat outputFormat(SampleFormat in) {
        switch (in) {
            case PCM_U8:
                return SampleFormat.PCM_16;
            case PCM_32:
                return SampleFormat.PCM_24;
            case FLOAT_64:
                return SampleFormat.FLOAT_32;
            default:
                return in;
        }
    }

    private QuellEngine engine(int rate, int channels) {
        return engines.computeIfAbsent(rate + "/" + channels, k -> {
            QuellEngine e = new QuellEngine(models);
            settings.forEach(e::setParameter);
            e.prepare(rate, block, channels);
            return e;
        });
    }
}
