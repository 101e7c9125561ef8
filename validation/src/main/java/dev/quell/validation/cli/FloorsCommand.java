package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.validation.report.EvalResults;
import dev.quell.validation.report.ShipFloors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell floors CANDIDATE_REPORT... --baseline REPORT...}: the model-v2 issue's ship floors
 * ({@link ShipFloors}) checked from {@code quell eval} report folders, one line per floor and rate.
 * Several folders per side are merged (say, one 48 kHz run and one 8 and 16 kHz run), each rate
 * from one folder only. Exit code 0
 * when every floor that could be checked is met, {@value #MISSED} when one is missed (1 is an
 * error: a missing or malformed report).
 */
@Command(name = "floors", mixinStandardHelpOptions = true,
        description = {"Check a candidate's eval reports against the model-v2 ship floors (developer tool).",
            "Each REPORT is a folder `quell eval` wrote (its results.json). Exit code 3 when a floor is missed."})
public final class FloorsCommand implements QuellCommand {
    /** Exit code when a floor is missed. */
    public static final int MISSED = 3;

    @Parameters(arity = "1..*", paramLabel = "CANDIDATE_REPORT", description = "The candidate's eval report folder(s).")
    List<Path> candidate;

    @Option(names = "--baseline", required = true, arity = "1..*", paramLabel = "REPORT",
            description = "The baseline's eval report folder(s): the model the floors are relative to.")
    List<Path> baseline;

    @Override
    public Integer call() {
        List<ShipFloors.Check> checks;
        try {
            checks = ShipFloors.check(read(candidate), read(baseline));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        int missed = 0;
        int unchecked = 0;
        for (ShipFloors.Check c : checks) {
            String verdict = !c.checked() ? "not checked" : c.met() ? "met" : "MISSED";
            missed += c.checked() && !c.met() ? 1 : 0;
            unchecked += c.checked() ? 0 : 1;
            System.out.println(String.format(Locale.ROOT, "%6d Hz  %-45s %8.3f  needs %8.3f  %s",
                    c.rateHz(), c.floor(), c.value(), c.limit(), verdict));
        }
        System.out.println(String.format(Locale.ROOT, "%d of %d floors met, %d missed, %d not checked",
                checks.size() - missed - unchecked, checks.size(), missed, unchecked));
        return missed == 0 ? 0 : MISSED;
    }

    /** Merges the folders' results; a rate may come from one folder only. */
    private static EvalResults read(List<Path> folders) {
        EvalResults r = new EvalResults();
        Map<Integer, Path> rateSource = new HashMap<>();
        for (Path dir : folders) {
            Path file = dir.resolve("results.json");
            try {
                EvalResults one = new EvalResults();
                EvalResults.readJson(Files.readAllBytes(file), one);
                for (EvalResults.Entry e : one.entries()) {
                    Path earlier = rateSource.putIfAbsent(e.rateHz(), dir);
                    if (earlier != null && !earlier.equals(dir)) {
                        throw new CliException(e.rateHz() + " Hz results are in both " + earlier + " and " + dir
                                + "; give one report per rate");
                    }
                    r.add(e.file(), e.condition(), e.rateHz(), e.snrDb(), e.noiseType(), e.metrics());
                }
            } catch (NoSuchFileException e) {
                throw new CliException(file + ": not found (is " + dir + " a `quell eval` report folder?)");
            } catch (IOException e) {
                throw new CliException(file + ": cannot be read (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                throw new CliException(file + ": " + e.getMessage());
            }
        }
        return r;
    }
}
