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
 * A candidate report with several Quell conditions (look-aheads, int8) is judged for the one
 * {@code --condition} names, so the shipped model's {@code docs/dev-report} can be a candidate.
 * Several folders per side are merged (say, one 48 kHz run and one 8 and 16 kHz run). A candidate
 * rate must come from one folder only; a baseline rate found in several folders is taken from the
 * last one given (say {@code --baseline docs/baseline-v1 docs/baseline-v1-8k}, where the second
 * re-measures model v1 at 8 kHz with the halved 8 kHz post-filter), and the output names the
 * folder each baseline rate came from. Both sides of a rate must have been scored at the same
 * number of frame-grid positions ({@code quell eval --grid-offsets}, recorded as
 * {@code grid_offsets} in results.json; a report without it scored one): where the 10 ms grid
 * falls moves the 72 dev pairs' means by about 0.1 dB SI-SDR and 0.05 DNSMOS OVRL, as much as
 * some floors' margins (docs/training-log.md, sessions 46 and 47). Exit code 0
 * when every floor that could be checked is met, {@value #MISSED} when one is missed (1 is an
 * error: a missing or malformed report, or sides scored at different numbers of grid positions).
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

    @Option(names = "--condition", paramLabel = "LABEL",
            description = {"The candidate's condition to judge when its report has several, as the report labels it,",
                "e.g. \"Quell L=20 ms\" (its transparency: the same label on clean input)."})
    String condition;

    @Override
    public Integer call() {
        Map<Integer, Source> candidateSources = new TreeMap<>();
        Map<Integer, Source> baselineSources = new TreeMap<>();
        EvalResults candidateResults = read(candidate, false, candidateSources);
        EvalResults baselineResults = read(baseline, true, baselineSources);
        requireSameGrid(candidateSources, baselineSources);
        List<ShipFloors.Check> checks;
        try {
            checks = ShipFloors.check(candidateResults, baselineResults, condition);
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

    /** The report folder a rate's results came from and how many frame-grid positions it scored. */
    private record Source(Path dir, int gridPositions) {
    }

    /**
     * Refuses a rate whose candidate and baseline were scored at different numbers of frame-grid
     * positions.
     */
    private static void requireSameGrid(Map<Integer, Source> candidate, Map<Integer, Source> baseline) {
        for (Map.Entry<Integer, Source> c : candidate.entrySet()) {
            Source b = baseline.get(c.getKey());
            if (b != null && b.gridPositions() != c.getValue().gridPositions()) {
                throw new CliException(String.format(Locale.ROOT,
                        "%d Hz: the candidate (%s) was scored at %d frame-grid position(s), the baseline (%s) at %d;"
                                + " score both with the same `quell eval --grid-offsets`",
                        c.getKey(), c.getValue().dir(), c.getValue().gridPositions(), b.dir(), b.gridPositions()));
            }
        }
    }

    /**
     * Merges the folders' results rate by rate, recording in {@code sources} where each rate came
     * from. A rate found in two folders is an error unless {@code laterReplaces}; then the last
     * folder's results at that rate are the ones kept, and the folder each rate came from is
     * printed.
     */
    private static EvalResults read(List<Path> folders, boolean laterReplaces, Map<Integer, Source> sources) {
        Map<Integer, List<EvalResults.Entry>> byRate = new TreeMap<>();
        for (Path dir : folders) {
            Report one = report(dir);
            for (Map.Entry<Integer, List<EvalResults.Entry>> rate : one.byRate().entrySet()) {
                Source earlier = sources.put(rate.getKey(), new Source(dir, one.gridPositions()));
                if (earlier != null && !laterReplaces) {
                    throw new CliException(rate.getKey() + " Hz results are in both " + earlier.dir() + " and " + dir
                            + "; give one report per rate");
                }
                byRate.put(rate.getKey(), rate.getValue());
            }
        }
        if (laterReplaces && folders.size() > 1) {
            sources.forEach((rate, s) -> System.out.println(String.format(Locale.ROOT, "%6d Hz  baseline from %s", rate, s.dir())));
        }
        EvalResults r = new EvalResults();
        byRate.values().forEach(entries -> entries.forEach(
                e -> r.add(e.file(), e.condition(), e.rateHz(), e.snrDb(), e.noiseType(), e.metrics())));
        return r;
    }

    /** One report folder: its entries grouped by rate, and the frame-grid positions it scored. */
    private record Report(Map<Integer, List<EvalResults.Entry>> byRate, int gridPositions) {
    }

    /** One report folder's results.json. */
    private static Report report(Path dir) {
        Path file = dir.resolve("results.json");
        try {
            EvalResults one = new EvalResults();
            int gridPositions = EvalResults.readJson(Files.readAllBytes(file), one);
            Map<Integer, List<EvalResults.Entry>> byRate = new TreeMap<>();
            one.entries().forEach(e -> byRate.computeIfAbsent(e.rateHz(), k -> new ArrayList<>()).add(e));
            return new Report(byRate, gridPositions);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": not found (is " + dir + " a `quell eval` report folder?)");
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
    }
}
