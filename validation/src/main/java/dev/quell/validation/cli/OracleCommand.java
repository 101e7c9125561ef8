package dev.quell.validation.cli;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.dsp.oracle.OracleEnhancer;
import dev.quell.dsp.oracle.OracleStage;
import dev.quell.dsp.resample.Resampler;
import dev.quell.cli.CliException;
import dev.quell.cli.OutputPaths;
import dev.quell.cli.QuellCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell oracle}: the PercepNet article's oracle experiment. Enhances noisy files with
 * ideal band gains (and strengths) computed from their clean versions, writes the results, and
 * prints mean SI-SDR, segmental SNR, STOI and ESTOI per input SNR for noisy input and each stage.
 */
@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"Run the DSP chain with ideal (oracle) gains computed from the clean signal.",
            "Files are paired by name when --clean and --noisy are folders. Outputs are WAV files,",
            "time-aligned with the input, in the input's rate, channels and bit depth."})
public final class OracleCommand implements QuellCommand {
    @Option(names = "--clean", required = true, paramLabel = "PATH", description = "Clean reference file or folder.")
    Path clean;

    @Option(names = "--noisy", required = true, paramLabel = "PATH", description = "Noisy input file or folder.")
    Path noisy;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Output file or folder (with --stage all: a folder with one sub-folder per stage).")
    Path output;

    @Option(names = "--stage", defaultValue = "postfilter", paramLabel = "STAGE",
            description = "gains, comb, postfilter or all (default: ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--lookahead-ms", defaultValue = "20", paramLabel = "MS",
            description = "Look-ahead 0, 10 or 20 ms: sets which comb-filter taps exist (default: ${DEFAULT-VALUE}).")
    int lookaheadMs;

    @Option(names = "--list", paramLabel = "CSV",
            description = "CSV with name and snr_db columns (default: list.csv beside the noisy folder).")
    Path list;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the metric tables to this Markdown file.")
    Path report;

    @Override
    public Integer call() throws IOException {
        int lookahead = LookaheadMs.frames(lookaheadMs);
        List<OracleStage> stages = new ArrayList<>();
        if (stage.equalsIgnoreCase("all")) {
            stages.addAll(List.of(OracleStage.values()));
        } else {
            try {
                stages.add(OracleStage.parse(stage));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (output == null && report == null) {
            throw new CliException("nothing to do: give -o OUTPUT and/or --report FILE");
        }
        List<PairedFiles.Pair> pairs = PairedFiles.find(clean, noisy, list);
        boolean folderOut = Files.isDirectory(noisy) || stages.size() > 1;
        if (output != null) {
            OutputPaths.checkNotInput(output, clean, noisy);
            if (!folderOut && Files.isDirectory(output)) {
                throw new CliException("output " + output + " is a folder; give a file name for a single input");
            }
        }
        ResultTable table = new ResultTable();
        int failed = 0;
        long started = System.nanoTime();
        double seconds = 0;
        for (PairedFiles.Pair pair : pairs) {
            try {
                seconds += processPair(pair, stages, lookahead, folderOut, table);
            } catch (IOException | IllegalArgumentException e) {
                failed++;
                System.err.println("quell: skipped " + pair.name() + ": " + e.getMessage());
            }
        }
        String md = table.toMarkdown();
        System.out.print(md);
        System.out.printf(Locale.ROOT, "%d pair(s), %.1f s of audio, %.1f s wall time, look-ahead %d ms%n",
                pairs.size() - failed, seconds, (System.nanoTime() - started) / 1e9, lookaheadMs);
        if (report != null) {
            OutputPaths.checkNotInput(report, clean, noisy);
            dev.quell.files.AtomicFiles.write(report, md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (failed > 0) {
            throw new CliException(failed + " of " + pairs.size() + " pair(s) failed (see above)");
        }
        return 0;
    }

    private double processPair(PairedFiles.Pair pair, List<OracleStage> stages, int lookahead,
                               boolean folderOut, ResultTable table) throws IOException {
        AudioData c = AudioReader.read(pair.clean());
        AudioData n = AudioReader.read(pair.noisy());
        if (c.sampleRate() != n.sampleRate() || c.frames() != n.frames() || c.channelCount() != n.channelCount()) {
            throw new IllegalArgumentException("clean and noisy differ in rate, length or channels");
        }
        int rate = n.sampleRate();
        float[] cleanMono = c.mono();
        QualityScores.add(table, "noisy", pair.snrDb(), cleanMono, n.mono(), rate);
        for (OracleStage s : stages) {
            float[][] out = new float[n.channelCount()][];
            for (int ch = 0; ch < n.channelCount(); ch++) {
                float[] x48 = Resampler.resample(c.channels()[ch], rate, FrameFormat.SAMPLE_RATE);
                float[] y48 = Resampler.resample(n.channels()[ch], rate, FrameFormat.SAMPLE_RATE);
                float[] z48 = OracleEnhancer.process(x48, y48, s, lookahead);
                float[] z = Resampler.resample(z48, FrameFormat.SAMPLE_RATE, rate);
                out[ch] = java.util.Arrays.copyOf(z, n.frames());
            }
            AudioData enhanced = new AudioData(rate, out, n.format());
            String label = s.name().toLowerCase(Locale.ROOT);
            QualityScores.add(table, label, pair.snrDb(), cleanMono, enhanced.mono(), rate);
            if (output != null) {
                Path target;
                if (!folderOut) {
                    target = output;
                } else if (stages.size() > 1) {
                    target = output.resolve(label).resolve(OutputPaths.wavName(pair.name()));
                } else {
                    target = output.resolve(OutputPaths.wavName(pair.name()));
                }
                SampleFormat fmt = n.format().writable() ? n.format() : SampleFormat.FLOAT_32;
                WavWriter.write(target, enhanced, fmt);
            }
        }
        return n.seconds();
    }
}
