package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.dsp.ErbBands;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.resample.Resampler;
import dev.quell.nn.Model;
import dev.quell.nn.Precision;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.validation.probe.BandGainProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell gains CLEAN NOISY}: the network's band gains beside the oracle's for one pair
 * ({@link BandGainProbe}), as a table of per-band means over the frames the oracle trains and,
 * with {@code --every}, frame by frame. Both files are converted to 48 kHz with Quell's resampler
 * first (the network runs at 48 kHz); nothing else of the engine's rate path is applied.
 */
@Command(name = "gains", mixinStandardHelpOptions = true,
        description = {"Print the network's band gains beside the oracle's for a clean/noisy pair (developer tool).",
            "Per band: its centre, the frames the oracle trains, and the mean oracle and network gain over them;",
            "with --every, one line per frame first. Gains are the network's raw output (no post-filter)."})
public final class GainsCommand implements QuellCommand {
    @Parameters(index = "0", paramLabel = "CLEAN", description = "Clean reference file.")
    Path clean;

    @Parameters(index = "1", paramLabel = "NOISY", description = "Noisy file, time-aligned with CLEAN (same rate and length).")
    Path noisy;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.qnn) instead of the bundled one.")
    Path modelFile;

    @Option(names = "--lookahead-ms", defaultValue = "20", paramLabel = "MS",
            description = "Network look-ahead: 0, 10 or 20 ms (default: ${DEFAULT-VALUE}).")
    int lookaheadMs;

    @Option(names = "--bands", defaultValue = "0-33", paramLabel = "FROM-TO",
            description = "Bands to print, 0..33 (default: ${DEFAULT-VALUE}).")
    String bands;

    @Option(names = "--every", defaultValue = "0", paramLabel = "MS",
            description = "Also print every frame's gains at this spacing, a multiple of 10 ms (default: none).")
    int everyMs;

    @Override
    public Integer call() throws IOException {
        int lookahead = LookaheadMs.frames(lookaheadMs);
        if (everyMs < 0 || everyMs % 10 != 0) {
            throw new CliException("--every must be a multiple of 10 ms, got " + everyMs);
        }
        int[] range = bandRange(bands);
        AudioData c = AudioReader.read(clean);
        AudioData n = AudioReader.read(noisy);
        if (c.sampleRate() != n.sampleRate() || c.frames() != n.frames()) {
            throw new CliException(noisy + ": " + n.frames() + " samples at " + n.sampleRate() + " Hz, but " + clean
                    + " has " + c.frames() + " at " + c.sampleRate() + " Hz (the pair must be time-aligned)");
        }
        EngineModels models = EngineModels.fileOrDefault(modelFile, Precision.FLOAT32);
        Model model = models.model(lookahead);
        float[] x = Resampler.resample(c.mono(), c.sampleRate(), FrameFormat.SAMPLE_RATE);
        float[] y = Resampler.resample(n.mono(), n.sampleRate(), FrameFormat.SAMPLE_RATE);
        System.out.printf(Locale.ROOT, "%s, look-ahead %d ms; each cell: oracle/network gain%n", models.name(),
                model.lookahead() * 10);
        BandGainProbe.FrameSink sink = everyMs == 0 ? null : frameLines(range, everyMs / 10);
        BandGainProbe.Summary s = BandGainProbe.run(model, x, y, sink);
        System.out.println("band  centre Hz  trained frames  oracle  network");
        for (int b = range[0]; b <= range[1]; b++) {
            System.out.printf(Locale.ROOT, "%4d  %9.0f  %14d  %6.3f  %7.3f%n", b, ErbBands.nodeHz(b), s.trainedFrames()[b],
                    s.oracleMean()[b], s.networkMean()[b]);
        }
        System.out.printf(Locale.ROOT, "%d frames of 10 ms%n", s.frames());
        return 0;
    }

    /** One line per printed frame: its start in seconds, then oracle/network per band ("-" where the oracle does not care). */
    private static BandGainProbe.FrameSink frameLines(int[] range, int everyFrames) {
        return (frame, oracle, network, mask) -> {
            if (frame % everyFrames != 0) {
                return;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%.2f", frame * 0.01));
            for (int b = range[0]; b <= range[1]; b++) {
                line.append(mask[b] > 0 ? String.format(Locale.ROOT, " b%d %.2f/%.2f", b, oracle[b], network[b])
                        : String.format(Locale.ROOT, " b%d -/%.2f", b, network[b]));
            }
            System.out.println(line);
        };
    }

    /** Parses FROM-TO (or one band) into {from, to} within 0..33. */
    static int[] bandRange(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length <= 2 && from >= 0 && from <= to && to < FrameFormat.BANDS) {
                return new int[] {from, to};
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new CliException("--bands must be FROM-TO within 0-" + (FrameFormat.BANDS - 1) + ", got '" + text + "'");
    }
}
