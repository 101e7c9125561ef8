package dev.quell.validation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The model-v2 issue's ship floors on the dev pairs, checked from two evaluations' per-file
 * results: a candidate and the model it must beat (the shipped model when the issue was filed).
 * At every rate the candidate has:
 * <ul>
 *   <li>STOI and ESTOI above the noisy input at every input SNR from −5 to 10 dB, and no more than
 *       {@link #HIGH_SNR_MARGIN} below it at 15 and 20 dB (means over the pairs of that SNR);</li>
 *   <li>DNSMOS OVRL at least the baseline's plus {@link #OVRL_GAIN_48K} at 48 kHz, and at least
 *       the baseline's at other rates;</li>
 *   <li>SI-SDR improvement (enhanced minus noisy, dB, over all pairs) at least the baseline's;</li>
 *   <li>when the evaluation ran clean input through Quell: SI-SDR at least
 *       {@link #TRANSPARENCY_SI_SDR_DB} dB and STOI at least {@link #TRANSPARENCY_STOI}.</li>
 * </ul>
 * A metric the candidate's evaluation did not compute (DNSMOS skipped, no transparency rows) is
 * reported as not checked rather than as met. The baseline may hold several Quell conditions (the
 * model reports in {@code docs/dev-report} and {@code docs/baseline-v1} have three look-aheads and int8): then the one
 * labelled as the candidate's (same look-ahead and precision) is the one compared.
 */
public final class ShipFloors {
    /** How far STOI and ESTOI may lie below the input at 15 and 20 dB input SNR. */
    public static final double HIGH_SNR_MARGIN = 0.005;
    /** DNSMOS OVRL the candidate must add over the baseline at 48 kHz. */
    public static final double OVRL_GAIN_48K = 0.2;
    /** Transparency floor on SI-SDR, dB. */
    public static final double TRANSPARENCY_SI_SDR_DB = 25;
    /** Transparency floor on STOI. */
    public static final double TRANSPARENCY_STOI = 0.99;

    /**
     * One floor at one rate.
     *
     * @param rateHz the rate, Hz
     * @param floor what is checked, e.g. "STOI at -5 dB above the input"
     * @param value the candidate's value (NaN when not computed)
     * @param limit the value it must reach
     * @param met whether it does (false when not computed)
     * @param checked false when the candidate's evaluation lacks the metric
     */
    public record Check(int rateHz, String floor, double value, double limit, boolean met, boolean checked) {
    }

    private ShipFloors() {
    }

    /**
     * Checks every floor at every rate the candidate was evaluated at.
     *
     * @param candidate the candidate's results (one Quell condition on the noisy input, at most one on the clean input; oracle and peer rows are ignored)
     * @param baseline the baseline's results at the same rates: one Quell condition on the noisy input, or
     *     several of which one is labelled as the candidate's
     * @return the checks, by rate, then in the order of the class comment
     * @throws IllegalArgumentException if the candidate has no or several Quell conditions on the noisy input (or
     *     several on the clean input), the baseline has none or several without the candidate's, or the baseline
     *     lacks a rate the candidate has
     */
    public static List<Check> check(EvalResults candidate, EvalResults baseline) {
        return check(candidate, baseline, null);
    }

    /**
     * Checks every floor at every rate the candidate was evaluated at, for one of the candidate's
     * Quell conditions: say "Quell L=20 ms" of a report with three look-aheads and int8 (the shipped
     * model's {@code docs/dev-report}). Its transparency is the condition of the same label on clean
     * input, not checked when there is none.
     *
     * @param candidate the candidate's results
     * @param baseline the baseline's results at the same rates (as in {@link #check(EvalResults, EvalResults)})
     * @param condition the candidate's condition to judge, a label of its results; null for its only one
     * @return the checks, by rate, then in the order of the class comment
     * @throws IllegalArgumentException if {@code condition} is not one of the candidate's Quell conditions on
     *     the noisy input, or as in {@link #check(EvalResults, EvalResults)}
     */
    public static List<Check> check(EvalResults candidate, EvalResults baseline, String condition) {
        String enhanced;
        String onClean;
        if (condition == null) {
            enhanced = quellCondition(candidate, "candidate", false);
            onClean = quellCondition(candidate, "candidate", true);
        } else {
            List<String> found = quellConditions(candidate, false);
            if (!found.contains(condition)) {
                throw new IllegalArgumentException("the candidate has no condition \"" + condition + "\"; its Quell conditions are " + found);
            }
            enhanced = condition;
            String clean = condition + EvalResults.ON_CLEAN_INPUT;
            onClean = quellConditions(candidate, true).contains(clean) ? clean : null;
        }
        String baseEnhanced = baselineCondition(baseline, enhanced);
        TreeSet<Integer> rates = new TreeSet<>();
        candidate.entries().forEach(e -> rates.add(e.rateHz()));
        List<Check> checks = new ArrayList<>();
        for (int rate : rates) {
            if (Double.isNaN(mean(baseline, "SI-SDR (dB)", EvalResults.NOISY, rate, Double.NaN))) {
                throw new IllegalArgumentException("the baseline has no results at " + rate + " Hz");
            }
            intelligibility(candidate, enhanced, rate, checks);
            double ovrl = mean(candidate, "DNSMOS OVRL", enhanced, rate, Double.NaN);
            double needed = mean(baseline, "DNSMOS OVRL", baseEnhanced, rate, Double.NaN) + (rate == 48000 ? OVRL_GAIN_48K : 0);
            checks.add(check(rate, "DNSMOS OVRL", ovrl, needed, ovrl >= needed));
            double gain = mean(candidate, "SI-SDR (dB)", enhanced, rate, Double.NaN)
                    - mean(candidate, "SI-SDR (dB)", EvalResults.NOISY, rate, Double.NaN);
            double baseGain = mean(baseline, "SI-SDR (dB)", baseEnhanced, rate, Double.NaN)
                    - mean(baseline, "SI-SDR (dB)", EvalResults.NOISY, rate, Double.NaN);
            checks.add(check(rate, "SI-SDR improvement, dB", gain, baseGain, gain >= baseGain));
            double clearSiSdr = onClean == null ? Double.NaN : mean(candidate, "SI-SDR (dB)", onClean, rate, Double.NaN);
            double clearStoi = onClean == null ? Double.NaN : mean(candidate, "STOI", onClean, rate, Double.NaN);
            checks.add(check(rate, "transparency SI-SDR, dB", clearSiSdr, TRANSPARENCY_SI_SDR_DB,
                    clearSiSdr >= TRANSPARENCY_SI_SDR_DB));
            checks.add(check(rate, "transparency STOI", clearStoi, TRANSPARENCY_STOI, clearStoi >= TRANSPARENCY_STOI));
        }
        return checks;
    }

    /** STOI and ESTOI against the input, per input SNR. */
    private static void intelligibility(EvalResults r, String enhanced, int rate, List<Check> checks) {
        for (double snr : r.snrs()) {
            for (String metric : new String[] {"STOI", "ESTOI"}) {
                double value = mean(r, metric, enhanced, rate, snr);
                double input = mean(r, metric, EvalResults.NOISY, rate, snr);
                if (snr <= 10) {
                    checks.add(check(rate, String.format(java.util.Locale.ROOT, "%s at %.0f dB, above the input", metric, snr),
                            value, input, value > input));
                } else {
                    checks.add(check(rate, String.format(java.util.Locale.ROOT, "%s at %.0f dB, at most %.3f below the input",
                            metric, snr, HIGH_SNR_MARGIN), value, input - HIGH_SNR_MARGIN, value >= input - HIGH_SNR_MARGIN));
                }
            }
        }
    }

    private static Check check(int rate, String floor, double value, double limit, boolean met) {
        boolean checked = !Double.isNaN(value) && !Double.isNaN(limit);
        return new Check(rate, floor, value, limit, checked && met, checked);
    }

    /** Mean over a condition's entries at one rate and, unless NaN, one input SNR. */
    private static double mean(EvalResults r, String metric, String condition, int rate, double snr) {
        return r.mean(metric, condition, e -> e.rateHz() == rate && (Double.isNaN(snr) || e.snrDb() == snr))[0];
    }

    /**
     * The one condition that runs Quell on the noisy input ({@code onClean} false), or the one that
     * runs it on the clean file (true; null when the evaluation has none). Other conditions
     * (oracle, peers) are not Quell's and are left alone.
     */
    private static String quellCondition(EvalResults r, String which, boolean onClean) {
        List<String> found = quellConditions(r, onClean);
        if (onClean && found.isEmpty()) {
            return null;
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("the " + which + " must have one Quell condition" + (onClean ? " on clean input" : "")
                    + " (one model, one look-ahead), not " + found);
        }
        return found.get(0);
    }

    /**
     * The baseline's Quell condition on the noisy input: its only one, else the one with the
     * candidate's label (say "Quell L=20 ms" among L=0, 10 and 20 ms and int8).
     */
    private static String baselineCondition(EvalResults baseline, String candidateCondition) {
        List<String> found = quellConditions(baseline, false);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.contains(candidateCondition)) {
            return candidateCondition;
        }
        throw new IllegalArgumentException("the baseline must have one Quell condition or one labelled as the candidate's ("
                + candidateCondition + "), not " + found);
    }

    private static List<String> quellConditions(EvalResults r, boolean onClean) {
        return r.conditions().stream()
                .filter(c -> c.startsWith(EvalResults.QUELL) && c.endsWith(EvalResults.ON_CLEAN_INPUT) == onClean).toList();
    }
}
