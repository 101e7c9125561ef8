package dev.quell.validation.cli;

import dev.quell.cli.QuellCli;
import dev.quell.cli.QuellCommand;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.validation.demo.DemoRecordings;
import dev.quell.validation.metrics.Dnsmos;
import dev.quell.validation.report.SpectrogramImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell demo}: the main job on the bundled real input. Mixes the bundled speech recording
 * with the bundled noise recording ({@link DemoRecordings}, 44.1 kHz) at the chosen SNR, enhances
 * the mixture with {@code quell enhance} and the default model (printing its summary), prints
 * SI-SDR, segmental SNR, STOI and ESTOI of the noisy and the enhanced file against the clean
 * recording, and DNSMOS P.835 (SIG, BAK, OVRL) of all three when the models are present, and
 * draws their spectrograms into one PNG.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mix the bundled speech and noise recordings, enhance the mixture with the default model, "
                + "and print its quality before and after.")
public final class DemoCommand implements QuellCommand {
    @Option(names = {"-o", "--output"}, defaultValue = "out/demo", paramLabel = "DIR",
            description = "Folder for the mixed, enhanced and clean files and the spectrogram (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--snr-db", defaultValue = "5", paramLabel = "DB",
            description = "SNR of the mixture in dB (default: ${DEFAULT-VALUE}).")
    double snrDb;

    @Option(names = "--dnsmos-models", paramLabel = "DIR",
            description = "Folder with the DNSMOS ONNX models (default: ../shared/models/dnsmos when present).")
    Path dnsmosDir;

    @Option(names = "--no-dnsmos", description = "Skip DNSMOS even when the models are present.")
    boolean noDnsmos;

    @Override
    public Integer call() throws Exception {
        if (!Double.isFinite(snrDb) || Math.abs(snrDb) > 60) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--snr-db must be within -60..60 dB, not " + snrDb);
        }
        DemoRecordings rec = DemoRecordings.load();
        float[][] pair = rec.mix(snrDb);
        float[] clean = pair[0];
        float[] noisy = pair[1];
        int rate = DemoRecordings.RATE;
        String name = String.format(Locale.ROOT, "demo_snr%s.wav", formatDb(snrDb));
        Path cleanFile = output.resolve("input/clean").resolve(name);
        Path noisyFile = output.resolve("input/noisy").resolve(name);
        Path enhancedFile = output.resolve("enhanced").resolve(name);
        WavWriter.write(cleanFile, new AudioData(rate, new float[][] {clean}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        WavWriter.write(noisyFile, new AudioData(rate, new float[][] {noisy}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        System.out.println("input: " + DemoRecordings.DESCRIPTION + " at " + formatDb(snrDb) + " dB SNR, "
                + rate + " Hz (sources and licences: validation/src/main/resources/dev/quell/validation/demo/SOURCES.md)");
        System.out.println("$ quell enhance " + noisyFile + " -o " + enhancedFile);
        int rc = QuellCli.execute("enhance", noisyFile.toString(), "-o", enhancedFile.toString());
        if (rc != 0) {
            return rc;
        }
        float[] c = AudioReader.read(cleanFile).mono();
        float[] n = AudioReader.read(noisyFile).mono();
        float[] e = AudioReader.read(enhancedFile).mono();
        ResultTable table = new ResultTable();
        QualityScores.add(table, "noisy", snrDb, c, n, rate);
        QualityScores.add(table, "Quell", snrDb, c, e, rate);
        addDnsmos(table, List.of("clean", "noisy", "Quell"), List.of(c, n, e), rate);
        Path png = output.resolve("spectrogram.png");
        SpectrogramImage.write("quell demo: " + DemoRecordings.DESCRIPTION + ", " + formatDb(snrDb) + " dB SNR",
                List.of("noisy", "enhanced (Quell)", "clean"), List.of(n, e, c), rate, png);
        System.out.println();
        System.out.print(table.toMarkdown());
        System.out.println("enhanced file: " + enhancedFile);
        System.out.println("spectrograms: " + png);
        return 0;
    }

    private void addDnsmos(ResultTable table, List<String> rows, List<float[]> signals, int rate) throws IOException {
        if (noDnsmos) {
            return;
        }
        Path models = dnsmosDir != null ? dnsmosDir : Path.of("../shared/models/dnsmos");
        if (!Files.isRegularFile(models.resolve("sig_bak_ovr.onnx"))) {
            System.err.println("quell: DNSMOS models not found in " + models + "; DNSMOS is left out");
            return;
        }
        try (Dnsmos d = new Dnsmos(models)) {
            for (int i = 0; i < rows.size(); i++) {
                Dnsmos.Scores s = d.score(signals.get(i), rate);
                table.add("DNSMOS SIG", rows.get(i), snrDb, s.sig());
                table.add("DNSMOS BAK", rows.get(i), snrDb, s.bak());
                table.add("DNSMOS OVRL", rows.get(i), snrDb, s.ovrl());
            }
        }
    }

    private static String formatDb(double db) {
        return db == Math.rint(db) ? String.format(Locale.ROOT, "%.0f", db) : String.format(Locale.ROOT, "%.1f", db);
    }
}
