package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.validation.metrics.Alignment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell compare REFERENCE RENDER}: how a render (say, a DAW's export through the plugin)
 * lines up with a reference (say, {@code quell enhance} of the same input): the best lag, the gain
 * and the residual there, and the residual at lag 0 ({@link Alignment}). Channels are averaged,
 * so a mono track panned to a stereo master compares with its mono reference.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Line a render up with a reference: best lag, gain and residual (developer tool).",
            "Prints one line: lag SAMPLES gain G residual DB residual-at-0 DB."})
public final class CompareCommand implements QuellCommand {
    @Parameters(index = "0", paramLabel = "REFERENCE", description = "Reference audio file.")
    Path reference;

    @Parameters(index = "1", paramLabel = "RENDER", description = "Render to line up with it (same rate).")
    Path render;

    @Option(names = "--max-lag", defaultValue = "4800", paramLabel = "SAMPLES",
            description = "Largest lag searched either way (default: ${DEFAULT-VALUE}).")
    int maxLag;

    @Override
    public Integer call() throws IOException {
        AudioData x = AudioReader.read(reference);
        AudioData r = AudioReader.read(render);
        if (x.sampleRate() != r.sampleRate()) {
            throw new CliException(render + ": " + r.sampleRate() + " Hz, the reference " + x.sampleRate() + " Hz");
        }
        if (maxLag < 0 || maxLag >= Math.min(x.frames(), r.frames())) {
            throw new CliException("--max-lag must be 0.." + (Math.min(x.frames(), r.frames()) - 1) + ", not " + maxLag);
        }
        Alignment a = Alignment.of(x.mono(), r.mono(), maxLag);
        System.out.println(String.format(Locale.ROOT, "lag %d gain %.4f residual %.2f residual-at-0 %.2f",
                a.lag(), a.gain(), a.residualDb(), a.residualAtZeroDb()));
        return 0;
    }
}
