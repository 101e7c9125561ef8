package dev.quell.validation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Markdown tables of an evaluation: the overall summary (conditions x metrics), one table per
 * metric by input SNR (conditions x SNR buckets), and one per metric by noise type. Scores on a
 * 0..1 scale (STOI, ESTOI) print with three decimals, the rest with two.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    private static String fmt(String metric, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, metric.contains("STOI") ? "%.3f" : "%.2f", v);
    }

    /**
     * @param r results
     * @return conditions x metrics, means over every file
     */
    public static String summary(EvalResults r) {
        StringBuilder sb = new StringBuilder("| condition | n |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String m : r.metrics()) {
            sb.append(' ').append(m).append(" |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        for (String c : r.conditions()) {
            int n = 0;
            StringBuilder row = new StringBuilder();
            for (String m : r.metrics()) {
                double[] mean = r.mean(m, c, e -> true);
                n = Math.max(n, (int) mean[1]);
                row.append(' ').append(fmt(m, mean[0])).append(" |");
            }
            sb.append("| ").append(c).append(" | ").append(n).append(" |").append(row).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param r results
     * @param metric metric name
     * @return conditions x input-SNR buckets (plus "all")
     */
    public static String bySnr(EvalResults r, String metric) {
        List<String> labels = new ArrayList<>();
        List<Predicate<EvalResults.Entry>> filters = new ArrayList<>();
        for (double s : r.snrs()) {
            labels.add(String.format(Locale.ROOT, "%.0f dB", s));
            filters.add(e -> e.snrDb() == s);
        }
        labels.add("all");
        filters.add(e -> true);
        return table(r, metric, labels, filters);
    }

    /**
     * @param r results
     * @param metric metric name
     * @return conditions x noise families (plus "all")
     */
    public static String byNoise(EvalResults r, String metric) {
        List<String> labels = new ArrayList<>();
        List<Predicate<EvalResults.Entry>> filters = new ArrayList<>();
        for (String t : r.noiseTypes()) {
            labels.add(t);
            filters.add(e -> e.noiseType().equals(t));
        }
        labels.add("all");
        filters.add(e -> true);
        return table(r, metric, labels, filters);
    }

    private static String table(EvalResults r, String metric, List<String> labels, List<Predicate<EvalResults.Entry>> filters) {
        int[] counts = new int[labels.size()];
        for (String c : r.conditions()) {
            for (int i = 0; i < labels.size(); i++) {
                counts[i] = Math.max(counts[i], (int) r.mean(metric, c, filters.get(i))[1]);
            }
        }
        StringBuilder sb = new StringBuilder("| condition |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(' ').append(labels.get(i)).append(" (n=").append(counts[i]).append(") |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        for (String c : r.conditions()) {
            if (r.mean(metric, c, e -> true)[1] == 0) {
                continue;
            }
            sb.append("| ").append(c).append(" |");
            for (Predicate<EvalResults.Entry> f : filters) {
                sb.append(' ').append(fmt(metric, r.mean(metric, c, f)[0])).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
