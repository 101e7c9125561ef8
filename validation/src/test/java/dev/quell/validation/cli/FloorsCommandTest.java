package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.validation.report.EvalResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloorsCommandTest {
    @TempDir
    Path dir;

    /** A report folder with noisy and enhanced results at 48 kHz, two files at each of two SNRs. */
    private Path report(String name, double ovrl) throws IOException {
        return report(name, ovrl, Map.of());
    }

    /** The same, with {@code meta} written as results.json's "meta". */
    private Path report(String name, double ovrl, Map<String, Object> meta) throws IOException {
        EvalResults r = new EvalResults();
        for (double snr : new double[] {0, 20}) {
            for (int k = 0; k < 2; k++) {
                String f = "f" + k + "_" + (int) snr + ".wav";
                r.add(f, "noisy", 48000, snr, "x", Map.of("STOI", 0.7, "ESTOI", 0.6, "SI-SDR (dB)", snr, "DNSMOS OVRL", 2.0));
                r.add(f, "Quell L=20 ms", 48000, snr, "x", Map.of("STOI", 0.71, "ESTOI", 0.61, "SI-SDR (dB)", snr + 4,
                        "DNSMOS OVRL", ovrl));
            }
        }
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("results.json"), EvalResults.toJson(meta, List.of(r)));
        return d;
    }

    @Test
    void printsEveryFloorAndExitsThreeWhenOneIsMissed() throws IOException {
        Path base = report("base", 2.5);
        CliRun ok = CliRun.of("floors", report("good", 2.75).toString(), "--baseline", base.toString());
        assertEquals(0, ok.exitCode(), ok.stdout());
        assertTrue(ok.stdout().contains("6 of 8 floors met, 0 missed, 2 not checked"), ok.stdout());
        CliRun short48 = CliRun.of("floors", report("short", 2.6).toString(), "--baseline", base.toString());
        assertEquals(3, short48.exitCode(), short48.stdout());
        assertTrue(short48.stdout().lines().anyMatch(l -> l.contains("DNSMOS OVRL") && l.endsWith("MISSED")), short48.stdout());
    }

    @Test
    void aFolderWithoutResultsIsAnError() throws IOException {
        Path base = report("base", 2.5);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, CliRun.of("floors", empty.toString(), "--baseline", base.toString()).exitCode());
        Files.writeString(empty.resolve("results.json"), "{\"results\": 3}");
        assertEquals(1, CliRun.of("floors", empty.toString(), "--baseline", base.toString()).exitCode());
    }

    @Test
    void aRateFromTwoFoldersIsAnError() throws IOException {
        Path base = report("base", 2.5);
        CliRun twice = CliRun.of("floors", report("a", 2.75).toString(), report("b", 2.75).toString(),
                "--baseline", base.toString());
        assertEquals(1, twice.exitCode(), twice.stdout());
        assertEquals("", twice.stdout());
    }

    @Test
    void aBaselineRateInSeveralFoldersIsTakenFromTheLastOne() throws IOException {
        Path old = report("old", 2.7);
        Path remeasured = report("remeasured", 2.5);
        String cand = report("cand", 2.75).toString();
        CliRun lastWins = CliRun.of("floors", cand, "--baseline", old.toString(), remeasured.toString());
        assertEquals(0, lastWins.exitCode(), lastWins.stdout());
        assertTrue(lastWins.stdout().contains("48000 Hz  baseline from " + remeasured), lastWins.stdout());
        CliRun otherOrder = CliRun.of("floors", cand, "--baseline", remeasured.toString(), old.toString());
        assertEquals(3, otherOrder.exitCode(), otherOrder.stdout());
        assertTrue(otherOrder.stdout().contains("48000 Hz  baseline from " + old), otherOrder.stdout());
    }

    @Test
    void sidesScoredAtDifferentGridPositionsAreRefused() throws IOException {
        Path oneOld = report("old", 2.5);
        Path one = report("one", 2.5, Map.of(EvalResults.GRID_OFFSETS, 1));
        Path four = report("four", 2.75, Map.of(EvalResults.GRID_OFFSETS, 4));
        Path fourBase = report("fourBase", 2.5, Map.of(EvalResults.GRID_OFFSETS, 4));
        CliRun mixed = CliRun.of("floors", four.toString(), "--baseline", oneOld.toString());
        assertEquals(1, mixed.exitCode(), mixed.stdout());
        assertTrue(mixed.stderr().contains("48000 Hz: the candidate (" + four + ") was scored at 4 frame-grid position(s), the baseline ("
                + oneOld + ") at 1"), mixed.stderr());
        assertEquals(1, CliRun.of("floors", four.toString(), "--baseline", one.toString()).exitCode());
        CliRun alike = CliRun.of("floors", four.toString(), "--baseline", fourBase.toString());
        assertEquals(0, alike.exitCode(), alike.stdout() + alike.stderr());
        CliRun lastWins = CliRun.of("floors", four.toString(), "--baseline", oneOld.toString(), fourBase.toString());
        assertEquals(0, lastWins.exitCode(), lastWins.stdout() + lastWins.stderr());
    }

    @Test
    void aGridCountThatIsNotAPositiveIntegerIsAnError() throws IOException {
        Path base = report("base", 2.5);
        for (Object bad : new Object[] {0, 2.5, "four"}) {
            Path cand = report("bad-" + bad, 2.75, Map.of(EvalResults.GRID_OFFSETS, bad));
            CliRun run = CliRun.of("floors", cand.toString(), "--baseline", base.toString());
            assertEquals(1, run.exitCode(), bad + ": " + run.stdout());
            assertTrue(run.stderr().contains("grid_offsets is not a positive integer"), run.stderr());
        }
    }

    /** A report like the dev report: L=0 and L=20 ms on the noisy files, L=20 ms on the clean ones. */
    private Path severalConditions(String name, double cleanSiSdr) throws IOException {
        EvalResults r = new EvalResults();
        for (double snr : new double[] {0, 20}) {
            String f = "f_" + (int) snr + ".wav";
            r.add(f, "noisy", 48000, snr, "x", Map.of("STOI", 0.7, "ESTOI", 0.6, "SI-SDR (dB)", snr, "DNSMOS OVRL", 2.0));
            r.add(f, "Quell L=0 ms", 48000, snr, "x", Map.of("STOI", 0.6, "ESTOI", 0.5, "SI-SDR (dB)", snr, "DNSMOS OVRL", 2.0));
            r.add(f, "Quell L=20 ms", 48000, snr, "x", Map.of("STOI", 0.71, "ESTOI", 0.61, "SI-SDR (dB)", snr + 4,
                    "DNSMOS OVRL", 2.75));
            r.add(f, "Quell L=20 ms on clean input", 48000, snr, "x", Map.of("STOI", 1.0, "SI-SDR (dB)", cleanSiSdr));
        }
        Path d = Files.createDirectories(dir.resolve(name));
        Files.write(d.resolve("results.json"), EvalResults.toJson(Map.of(), List.of(r)));
        return d;
    }

    @Test
    void aReportWithSeveralConditionsIsJudgedForTheNamedOne() throws IOException {
        Path base = report("base", 2.5);
        Path devReport = severalConditions("dev", 40);
        CliRun unnamed = CliRun.of("floors", devReport.toString(), "--baseline", base.toString());
        assertEquals(1, unnamed.exitCode(), unnamed.stdout());
        CliRun named = CliRun.of("floors", devReport.toString(), "--baseline", base.toString(), "--condition", "Quell L=20 ms");
        assertEquals(0, named.exitCode(), named.stdout() + named.stderr());
        assertTrue(named.stdout().contains("8 of 8 floors met, 0 missed, 0 not checked"), named.stdout());
        CliRun opaque = CliRun.of("floors", severalConditions("opaque", 20).toString(), "--baseline", base.toString(),
                "--condition", "Quell L=20 ms");
        assertEquals(3, opaque.exitCode(), opaque.stdout());
        assertTrue(opaque.stdout().lines().anyMatch(l -> l.contains("transparency SI-SDR") && l.endsWith("MISSED")), opaque.stdout());
        CliRun lowLookahead = CliRun.of("floors", devReport.toString(), "--baseline", base.toString(), "--condition", "Quell L=0 ms");
        assertEquals(3, lowLookahead.exitCode(), lowLookahead.stdout());
        assertTrue(lowLookahead.stdout().contains("transparency STOI") && lowLookahead.stdout().contains("not checked"),
                lowLookahead.stdout());
        CliRun unknown = CliRun.of("floors", devReport.toString(), "--baseline", base.toString(), "--condition", "Quell L=10 ms");
        assertEquals(1, unknown.exitCode(), unknown.stdout());
        assertTrue(unknown.stderr().contains("no condition \"Quell L=10 ms\""), unknown.stderr());
    }
}
