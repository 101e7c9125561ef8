package dev.quell.validation.cli;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.plugin.cli.QuellCommand;
import dev.quell.validation.demo.DemoSignals;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell demo}: the main job on the bundled default input. Generates the synthetic
 * speech-like clean/noisy pair of {@link DemoSignals}, writes both as WAV and runs the oracle
 * chain (all stages) on it, printing the metric table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the default input (synthetic speech-like signal in noise) and enhance it.")
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
        WavWriter.write(cleanFile, new AudioData(48_000, new float[][] {clean}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        WavWriter.write(noisyFile, new AudioData(48_000, new float[][] {noisy}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        System.out.println("default input: " + noisyFile + " (clean reference: " + cleanFile + ")");
        OracleCommand oracle = new OracleCommand();
        int rc = new CommandLine(oracle).execute("--clean", cleanFile.toString(), "--noisy", noisyFile.toString(),
                "--stage", "all", "-o", output.resolve("enhanced").toString());
        System.out.println("enhanced files: " + output.resolve("enhanced") + "/{gains,comb,postfilter}/" + name);
        return rc;
    }
}
