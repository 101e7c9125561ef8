package dev.quell.validation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ship floors from two evaluations' results. */
class ShipFloorsTest {
    static final double[] SNRS = {-5, 0, 5, 10, 15, 20};

    /**
     * Two files per SNR: noisy STOI/ESTOI 0.5 + snr/100, SI-SDR = snr; the enhanced condition
     * adds stoiGain to both intelligibility scores and 3 dB of SI-SDR, with the given OVRL.
     */
    static EvalResults results(int rate, String enhanced, double stoiGain, double ovrl, boolean transparency) {
        EvalResults r = new EvalResults();
        for (double snr : SNRS) {
            for (int k = 0; k < 2; k++) {
                String file = "f" + k + "_snr" + (int) snr + ".wav";
                double s = 0.5 + snr / 100;
                r.add(file, "noisy", rate, snr, "x", Map.of("STOI", s, "ESTOI", s, "SI-SDR (dB)", snr, "DNSMOS OVRL", 2.0));
                r.add(file, enhanced, rate, snr, "x", Map.of("STOI", s + stoiGain, "ESTOI", s + stoiGain,
                        "SI-SDR (dB)", snr + 3, "DNSMOS OVRL", ovrl));
                if (transparency) {
                    r.add(file, enhanced.replace(" int8", "") + EvalResults.ON_CLEAN_INPUT, rate, snr, "x", Map.of("STOI", 0.995, "SI-SDR (dB)", 30.0));
                }
            }
        }
        return r;
    }

    private static List<ShipFloors.Check> missed(List<ShipFloors.Check> checks) {
        return checks.stream().filter(c -> c.checked() && !c.met()).toList();
    }

    @Test
    void aCandidateAboveEveryFloorMeetsThemAll() {
        List<ShipFloors.Check> checks = ShipFloors.check(results(48000, "Quell L=20 ms", 0.01, 2.71, true),
                results(48000, "Quell L=20 ms", 0.0, 2.5, false));
        assertEquals(6 * 2 + 4, checks.size());
        assertEquals(List.of(), missed(checks));
        assertTrue(checks.stream().allMatch(ShipFloors.Check::checked));
    }

    @Test
    void ovrlNeedsTwoTenthsMoreAt48kHzOnly() {
        EvalResults base48 = results(48000, "Quell L=20 ms", 0.0, 2.5, false);
        List<ShipFloors.Check> at48 = missed(ShipFloors.check(results(48000, "Quell L=20 ms", 0.01, 2.65, true), base48));
        assertEquals(1, at48.size(), at48.toString());
        assertEquals("DNSMOS OVRL", at48.get(0).floor());
        assertEquals(2.7, at48.get(0).limit(), 1e-9);
        EvalResults base8 = results(8000, "Quell L=20 ms", 0.0, 2.5, false);
        assertEquals(List.of(), missed(ShipFloors.check(results(8000, "Quell L=20 ms", 0.01, 2.55, true), base8)));
    }

    @Test
    void intelligibilityMustRiseUpTo10dBAndMayFallALittleAbove() {
        EvalResults base = results(16000, "Quell L=20 ms", 0.0, 2.0, false);
        // 0.004 below the input: missed at -5..10 dB (4 SNRs x STOI and ESTOI), met at 15 and 20 dB
        List<ShipFloors.Check> m = missed(ShipFloors.check(results(16000, "Quell L=20 ms", -0.004, 2.5, true), base));
        assertEquals(8, m.size(), m.toString());
        assertTrue(m.stream().allMatch(c -> c.floor().contains("above the input")), m.toString());
        // 0.006 below: missed everywhere
        assertEquals(12, missed(ShipFloors.check(results(16000, "Quell L=20 ms", -0.006, 2.5, true), base)).size());
    }

    @Test
    void missingMetricsAreNotCheckedRatherThanMet() {
        EvalResults cand = results(48000, "Quell L=20 ms", 0.01, 2.9, false);
        List<ShipFloors.Check> checks = ShipFloors.check(cand, results(48000, "Quell L=20 ms", 0.0, 2.5, false));
        List<ShipFloors.Check> unchecked = checks.stream().filter(c -> !c.checked()).toList();
        assertEquals(2, unchecked.size(), unchecked.toString());
        assertTrue(unchecked.stream().noneMatch(ShipFloors.Check::met));
        assertTrue(unchecked.stream().allMatch(c -> c.floor().startsWith("transparency")));
    }

    @Test
    void refusesAmbiguousConditionsAndMissingRates() {
        EvalResults two = results(48000, "Quell L=10 ms", 0.01, 2.9, false);
        two.add("extra.wav", "Quell L=20 ms", 48000, 0, "x", Map.of("STOI", 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShipFloors.check(two, results(48000, "Quell L=20 ms", 0, 2.5, false)));
        assertTrue(e.getMessage().contains("one Quell condition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ShipFloors.check(results(8000, "Quell L=20 ms", 0.01, 2.9, false), results(48000, "Quell L=20 ms", 0, 2.5, false)));
        assertTrue(e.getMessage().contains("8000 Hz"), e.getMessage());
    }

    @Test
    void aBaselineWithSeveralLookAheadsIsComparedAtTheCandidatesOwn() {
        EvalResults base = results(48000, "Quell L=20 ms", 0.0, 2.5, false);
        EvalResults other = results(48000, "Quell L=10 ms", 0.0, 2.0, false);
        other.entries().stream().filter(e -> !e.condition().equals(EvalResults.NOISY))
                .forEach(e -> base.add(e.file(), e.condition(), e.rateHz(), e.snrDb(), e.noiseType(), e.metrics()));
        List<ShipFloors.Check> checks = ShipFloors.check(results(48000, "Quell L=20 ms", 0.01, 2.71, true), base);
        ShipFloors.Check ovrl = checks.stream().filter(c -> c.floor().equals("DNSMOS OVRL")).findFirst().orElseThrow();
        assertEquals(2.7, ovrl.limit(), 1e-9); // the L=20 ms baseline's 2.5 + 0.2, not the L=10 ms one's 2.0 + 0.2
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShipFloors.check(results(48000, "Quell L=0 ms", 0.01, 2.71, true), base));
        assertTrue(e.getMessage().contains("labelled as the candidate's (Quell L=0 ms)"), e.getMessage());
    }

    @Test
    void anInt8RunBesideTheOracleIsCheckedWithItsTransparencyRow() {
        EvalResults cand = results(48000, "Quell L=20 ms int8", 0.01, 2.71, true);
        cand.add("f0_snr0.wav", "oracle", 48000, 0, "x", Map.of("STOI", 0.99, "SI-SDR (dB)", 17.0));
        List<ShipFloors.Check> checks = ShipFloors.check(cand, results(48000, "Quell L=20 ms", 0.0, 2.5, false));
        assertTrue(checks.stream().allMatch(ShipFloors.Check::checked), checks.toString());
        assertEquals(List.of(), missed(checks));
    }

    @Test
    void resultsReadBackFromTheirJson() {
        EvalResults r = results(8000, "Quell L=20 ms", 0.01, 2.6, true);
        EvalResults back = new EvalResults();
        EvalResults.readJson(EvalResults.toJson(Map.of("model", "m"), List.of(r)), back);
        assertEquals(r.entries(), back.entries());
        assertFalse(back.entries().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvalResults.readJson("{\"meta\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8), new EvalResults()));
        assertTrue(e.getMessage().contains("results"), e.getMessage());
    }
}
