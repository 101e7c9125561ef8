package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.validation.metrics.Alignment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell compare REFERENCE... RENDER}: how a render (say, a DAW's export through the plugin)
 * lines up with a reference (say, {@code quell enhance} of the same input): the best lag, the gain
 * and the residual there, and the residual at lag 0 ({@link Alignment}). Channels are averaged,
 * so a mono track panned to a stereo master compares with its mono reference.
 *
 * <p>With several references (the same input enhanced from different starting states or hop-grid
 * phases, as a host may run the plugin), the render is lined up with each and the line of the
 * closest one (lowest residual at its best lag) is printed, with that reference's path appended.
 * The render is read once.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Line a render up with a reference: best lag, gain and residual (developer tool).",
            "Prints one line: lag SAMPLES gain G residual DB residual-at-0 DB;",
            "with several references, the closest one's line followed by: reference PATH."})
public final class CompareCommand implements QuellCommand {
    @Parameters(arity = "2..*", paramLabel = "FILE",
            description = "One or more reference audio files, then the render to line up with them (same rate).")
    List<Path> files;

    @Option(names = "--max-lag", defaultValue = "4800", paramLabel = "SAMPLES",
            description = "Largest lag searched either way (default: ${DEFAULT-VALUE}).")
    int maxLag;

    @Override
    public Integer call() throws IOException {
        Path render = files.get(files.size() - 1);
        List<Path> references = files.subList(0, files.size() - 1);
        AudioData r = AudioReader.read(render);
        Alignment best = null;
        Path closest = null;
        for (Path reference : references) {
            Alignment a = align(reference, r, render);
            if (best == null || a.residualDb() < best.residualDb()) {
                best = a;
                closest = reference;
            }
        }
        String line = String.format(Locale.ROOT, "lag %d gain %.4f residual %.2f residual-at-0 %.2f",
                best.lag(), best.gain(), best.residualDb(), best.residualAtZeroDb());
        System.out.println(references.size() == 1 ? line : line + " reference " + closest);
        return 0;
    }

    private Alignment align(Path reference, AudioData r, Path render) throws IOException {
        AudioData x = AudioReader.read(reference);
        if (x.sampleRate() != r.sampleRate()) {
            throw new CliException(render + ": " + r.sampleRate() + " Hz, the reference " + reference + " "
                    + x.sampleRate() + " Hz");
        }
        int longest = Math.min(x.frames(), r.frames()) - 1;
        if (maxLag < 0 || maxLag > longest) {
            throw new CliException("--max-lag must be 0.." + longest + " for " + reference + ", not " + maxLag);
        }
        return Alignment.of(x.mono(), r.mono(), maxLag);
    }
}
