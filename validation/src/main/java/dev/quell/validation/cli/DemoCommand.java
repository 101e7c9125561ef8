package dev.quell.validation.cli;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.cli.QuellCli;
import dev.quell.cli.QuellCommand;
import dev.quell.validation.demo.DemoSignals;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell demo}: the main job on the bundled default input. Generates the speech-like
 * clean/noisy pair of {@link DemoSignals} (no recording ships with Quell), enhances the noisy
 * file with {@code quell enhance} and the default model (printing its summary), and prints the
 * quality of the noisy and the enhanced file against the clean one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the default input (a speech-like signal in noise) and enhance it with the default model.")
public final class DemoCommand implements QuellCommand {
    @Option(names = {"-o", "--output"}, defaultValue = "out/demo", paramLabel = "DIR",
            description = "Folder for the generated and enhanced files (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--snr-db", defaultValue = "5", paramLabel = "DB",
            description = "SNR of the generated noisy input in dB (default: ${DEFAULT-VALUE}).")
    double snrDb;

    @Override
    public Integer call() throws Exception {
        float[] clean = DemoSignals.clean(6.0, 2024);
        float[] noisy = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 7), snrDb);
        String name = String.format(Locale.ROOT, "demo_snr%.0f.wav", snrDb);
        Path cleanFile = output.resolve("input/clean").resolve(name);
        Path noisyFile = output.resolve("input/noisy").resolve(name);
        Path enhancedFile = output.resolve("enhanced").resolve(name);
        WavWriter.write(cleanFile, new AudioData(48_000, new float[][] {clean}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        WavWriter.write(noisyFile, new AudioData(48_000, new float[][] {noisy}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        System.out.println("default input: " + noisyFile + " (clean reference: " + cleanFile + ")");
        System.out.println("$ quell enhance " + noisyFile + " -o " + enhancedFile);
        int rc = QuellCli.execute("enhance", noisyFile.toString(), "-o", enhancedFile.toString());
        if (rc != 0) {
            return rc;
        }
        ResultTable table = new ResultTable();
        float[] c = AudioReader.read(cleanFile).mono();
        QualityScores.add(table, "noisy", snrDb, c, AudioReader.read(noisyFile).mono(), 48_000);
        QualityScores.add(table, "Quell", snrDb, c, AudioReader.read(enhancedFile).mono(), 48_000);
        System.out.println();
        System.out.print(table.toMarkdown());
        System.out.println("enhanced file: " + enhancedFile);
        return 0;
    }
}
