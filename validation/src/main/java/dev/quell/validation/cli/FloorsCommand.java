package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.QuellCommand;
import dev.quell.validation.report.EvalResults;
import dev.quell.validation.report.ShipFloors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quell floors CANDIDATE_REPORT... --baseline REPORT...}: the model-v2 issue's ship floors
 * ({@link ShipFloors}) checked from {@code quell eval} report folders, one line per floor and rate.
 * Several folders per side are merged (say, one 48 kHz run and one 8 and 16 kHz run). A candidate
 * rate must come from one folder only; a baseline rate found in several folders is taken from the
 * last one given (say {@code --baseline docs/baseline-v1 docs/baseline-v1-8k}, where the second
 * re-measures model v1 at 8 kHz with the halved 8 kHz post-filter), and the output names the
 * folder each baseline rate came from. Exit code 0
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
            description = {"The baseline's eval report folder(s): the model the floors are relative to.",
                "A rate in several folders is taken from the last one given."})
    List<Path> baseline;

    @Override
    public Integer call() {
        List<ShipFloors.Check> checks;
        try {
            checks = ShipFloors.check(read(candidate, false), read(baseline, true));
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

    /**
     * Merges the folders' results rate by rate. A rate found in two folders is an error unless
     * {@code laterReplaces}; then the last folder's results at that rate are the ones kept, and
     * the folder each rate came from is printed.
     */
    private static EvalResults read(List<Path> folders, boolean laterReplaces) {
        Map<Integer, Path> rateSource = new TreeMap<>();
        Map<Integer, List<EvalResults.Entry>> byRate = new TreeMap<>();
        for (Path dir : folders) {
            Map<Integer, List<EvalResults.Entry>> one = byRate(dir);
            for (Map.Entry<Integer, List<EvalResults.Entry>> rate : one.entrySet()) {
                Path earlier = rateSource.put(rate.getKey(), dir);
                if (earlier != null && !laterReplaces) {
                    throw new CliException(rate.getKey() + " Hz results are in both " + earlier + " and " + dir
                            + "; give one report per rate");
                }
                byRate.put(rate.getKey(), rate.getValue());
            }
        }
        if (laterReplaces && folders.size() > 1) {
            rateSource.forEach((rate, dir) -> System.out.println(String.format(Locale.ROOT, "%6d Hz  baseline from %s", rate, dir)));
        }
        EvalResults r = new EvalResults();
        byRate.values().forEach(entries -> entries.forEach(
                e -> r.add(e.file(), e.condition(), e.rateHz(), e.snrDb(), e.noiseType(), e.metrics())));
        return r;
    }

    /** One report folder's results.json, its entries grouped by rate. */
    private static Map<Integer, List<EvalResults.Entry>> byRate(Path dir) {
        Path file = dir.resolve("results.json");
        try {
            EvalResults one = new EvalResults();
            EvalResults.readJson(Files.readAllBytes(file), one);
            Map<Integer, List<EvalResults.Entry>> byRate = new TreeMap<>();
            one.entries().forEach(e -> byRate.computeIfAbsent(e.rateHz(), k -> new ArrayList<>()).add(e));
            return byRate;
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": not found (is " + dir + " a `quell eval` report folder?)");
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }
}
