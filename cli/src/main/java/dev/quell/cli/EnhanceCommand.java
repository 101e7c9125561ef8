package dev.quell.cli;

import dev.quell.dsp.io.SampleFormat;
import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.PostFilterRateScale;
import dev.quell.plugin.engine.PresetParameters;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.presets.Preset;
import dev.quell.presets.UserPresets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell enhance}: enhances WAV/FLAC files with the plugin engine itself, streaming
 * ({@link FileEnhancer}: reader, {@link dev.quell.plugin.engine.StreamRenderer}, writer in
 * chunks; constant memory whatever the length), writes each output in the input's sample rate,
 * channel count and sample format (unless told otherwise), time-aligned and of the same length,
 * as WAV or FLAC by the output's name. Which output goes where is decided and checked before any
 * audio is processed ({@link OutputPlan}). Inputs are never overwritten, outputs are written
 * atomically, a bad file is reported and skipped, and the exit code is 1 if any file failed.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Enhance speech in WAV/FLAC files (files or folder trees) with the default model.")
public final class EnhanceCommand implements QuellCommand {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "A .wav/.flac file or a folder of them; several allowed.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "Output .wav or .flac file, or a folder (for a folder, several inputs, or a name ending in /).")
    String output;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Factory or user preset by id (e.g. podcast-voice) or name, or a preset .json file (see 'quell presets').")
    String preset;

    @Option(names = "--post-filter", paramLabel = "PCT", description = "Post-filter strength 0..100 %% (default 100); " + PostFilterRateScale.SUMMARY)
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

    @Option(names = "--format", paramLabel = "FMT",
            description = "Output samples: 8, 16, 24, 32, float or float64 (default: as the input; FLAC holds at most 24 bits).")
    String format;

    @Option(names = "--block", defaultValue = "4096", paramLabel = "FRAMES",
            description = "Frames per engine call, 1..8192 (the result does not depend on it; default ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--preset-dir", paramLabel = "DIR", description = "User preset folder (default: ~/.config/quell/presets).")
    Path presetDir;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when the output is a terminal).")
    Boolean progress;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors and warnings.")
    boolean quiet;

    @Option(names = "--json", description = "Print the summary as one JSON object (for scripts).")
    boolean json;

    private final Map<Parameter, Double> settings = new EnumMap<>(Parameter.class);

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        System.setOut(new DecoderChatterFilter(out));
        try {
            return enhanceAll();
        } finally {
            System.setOut(out);
        }
    }

    private int enhanceAll() throws IOException {
        resolveSettings();
        if (block < 1 || block > QuellEngine.MAX_CHUNK) {
            throw new CliException("--block must be 1.." + QuellEngine.MAX_CHUNK, 2);
        }
        SampleFormat fixedFormat = fixedFormat();
        List<OutputPlan.Job> jobs = OutputPlan.plan(inputs, output);
        Precision precision = int8 ? Precision.INT8 : Precision.FLOAT32;
        EngineModels models = EngineModels.fileOrDefault(modelFile, precision);
        FileEnhancer enhancer = new FileEnhancer(models, settings, block, fixedFormat);
        Tally tally = enhanceEach(jobs, enhancer::enhance);
        int latency48 = latencyAt48k(models);
        if (json) {
            System.out.println(Summary.json(jobs.size() - tally.failures.size(), tally.failures, tally.damaged,
                    tally.audioSeconds, tally.processing, settings, latency48, models.name(), int8));
        } else if (!quiet) {
            System.out.println(Summary.text(jobs.size() - tally.failures.size(), tally.failures.size(),
                    tally.damaged.size(), tally.audioSeconds, tally.processing));
            System.out.println(Summary.settings(settings, latency48, models.name(), int8));
        }
        String problems = Summary.problems(jobs.size(), tally.failures.size(), tally.damaged.size());
        if (problems != null) {
            throw new CliException(problems);
        }
        return 0;
    }

    /** The output sample format {@code --format} fixes, or null to keep each input's. */
    private SampleFormat fixedFormat() {
        if (format == null) {
            return null;
        }
        try {
            return SampleFormat.parseWritable(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /** What a batch did: seconds of audio and of processing, inputs skipped and inputs damaged. */
    static final class Tally {
        double audioSeconds;
        double processing;
        final List<String> failures = new ArrayList<>();
        final List<String> damaged = new ArrayList<>();
    }

    /** Enhances one job ({@link FileEnhancer#enhance}); a seam for the batch loop's tests. */
    @FunctionalInterface
    interface JobEnhancer {
        FileEnhancer.Result enhance(OutputPlan.Job job, DoubleConsumer progress) throws IOException;
    }

    /**
     * Enhances every job in turn; a job that fails is reported on one line naming its input and
     * skipped, the others go on. That includes a failure inside Quell or a library (an unchecked
     * exception: reported as an internal error), so one file never costs the rest of a batch;
     * its partial output is removed like any other failure's. The progress bar (when shown)
     * advances by input bytes.
     *
     * @throws IOException if an input's size cannot be read before the batch starts
     */
    Tally enhanceEach(List<OutputPlan.Job> jobs, JobEnhancer enhancer) throws IOException {
        long totalBytes = 0;
        for (OutputPlan.Job j : jobs) {
            totalBytes += Math.max(1, Files.size(j.in()));
        }
        Tally tally = new Tally();
        ProgressBar bar = progressBar(totalBytes);
        try {
            long doneBytes = 0;
            for (OutputPlan.Job j : jobs) {
                long size = Math.max(1, Files.size(j.in()));
                long base = doneBytes;
                try {
                    FileEnhancer.Result r = enhancer.enhance(j, fraction -> {
                        if (bar != null) {
                            bar.stepTo(base + (long) (fraction * size));
                        }
                    });
                    tally.audioSeconds += r.audioSeconds();
                    tally.processing += r.processingSeconds();
                    if (r.warning() != null) {
                        tally.damaged.add(j.in().toString());
                        printAboveBar(bar, "quell: warning: " + j.in() + ": " + r.warning());
                    }
                } catch (IOException | RuntimeException e) {
                    tally.failures.add(j.in().toString());
                    printAboveBar(bar, "quell: skipped " + j.in() + ": " + skipReason(e, j.in()));
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
        return tally;
    }

    /** A progress bar on standard error, or null when it is not wanted (quiet, JSON, not a console). */
    private ProgressBar progressBar(long totalBytes) {
        boolean show = !quiet && !json && (progress != null ? progress : System.console() != null);
        return show ? new ProgressBarBuilder().setTaskName("Enhancing").setInitialMax(totalBytes)
                .setUnit(" MB", 1_000_000).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }

    private static void printAboveBar(ProgressBar bar, String line) {
        if (bar != null) {
            bar.pause();
        }
        System.err.println(line);
        if (bar != null) {
            bar.resume();
        }
    }

    private int latencyAt48k(EngineModels models) {
        QuellEngine unprepared = new QuellEngine(models);
        settings.forEach(unprepared::setParameter);
        return unprepared.latencySamples();
    }

    /**
     * Why a file was skipped: the message of a failure that names a problem with the file or the
     * options (I/O, bad input, refused output), else an internal error to report.
     */
    private static String skipReason(Exception e, Path file) {
        if (!(e instanceof IOException || e instanceof IllegalArgumentException || e instanceof CliException)) {
            return "internal error (" + e + "); the other files go on; please report this with the file";
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = file.toString() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
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
            throw new CliException(option + " " + problem + ", not " + value, 2);
        }
        settings.put(p, value);
    }
}
