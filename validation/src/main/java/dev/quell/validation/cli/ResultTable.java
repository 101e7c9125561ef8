package dev.quell.validation.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean metric values per condition (row) and input-SNR bucket (column), rendered as Markdown.
 * Insertion order of conditions and metrics is kept; SNR columns are sorted, with "all" last.
 * Values print with two decimals, STOI-type scores (0..1) with three.
 */
public final class ResultTable {
    private final Map<String, Map<String, Map<Double, List<Double>>>> values = new LinkedHashMap<>();

    /**
     * Records one value.
     *
     * @param metric metric name, e.g. "SI-SDR (dB)"
     * @param condition row, e.g. "noisy"
     * @param snrDb input SNR of the pair in dB (NaN: counted in "all" only)
     * @param value the metric value
     */
    public synchronized void add(String metric, String condition, double snrDb, double value) {
        Map<Double, List<Double>> row = values.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                .computeIfAbsent(condition, c -> new TreeMap<>());
        if (!Double.isNaN(snrDb)) {
            row.computeIfAbsent(snrDb, s -> new ArrayList<>()).add(value);
        }
        row.computeIfAbsent(Double.POSITIVE_INFINITY, s -> new ArrayList<>()).add(value);
    }

    /**
     * Mean of a cell.
     *
     * @param metric metric name
     * @param condition row
     * @param snrDb column (POSITIVE_INFINITY for "all")
     * @return the mean, or NaN when the cell is empty
     */
    public synchronized double mean(String metric, String condition, double snrDb) {
        List<Double> cell = values.getOrDefault(metric, Map.of()).getOrDefault(condition, Map.of()).get(snrDb);
        if (cell == null || cell.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : cell) {
            s += v;
        }
        return s / cell.size();
    }

    /**
     * Renders every metric as a Markdown table (one row per condition, one column per SNR).
     *
     * @return Markdown text
     */
    public synchronized String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, Map<Double, List<Double>>>> m : values.entrySet()) {
            TreeMap<Double, Integer> columns = new TreeMap<>();
            for (Map<Double, List<Double>> row : m.getValue().values()) {
                for (Map.Entry<Double, List<Double>> e : row.entrySet()) {
                    columns.merge(e.getKey(), e.getValue().size(), Math::max);
                }
            }
            sb.append("**").append(m.getKey()).append("**, mean per input SNR\n\n| condition |");
            StringBuilder rule = new StringBuilder("|---|");
            for (Map.Entry<Double, Integer> c : columns.entrySet()) {
                String label = c.getKey().isInfinite() ? "all" : String.format(Locale.ROOT, "%.0f dB", c.getKey());
                sb.append(' ').append(label).append(" (n=").append(c.getValue()).append(") |");
                rule.append("---:|");
            }
            sb.append('\n').append(rule).append('\n');
            for (String condition : m.getValue().keySet()) {
                sb.append("| ").append(condition).append(" |");
                for (Double c : columns.keySet()) {
                    double v = mean(m.getKey(), condition, c);
                    String fmt = m.getKey().contains("STOI") ? " %.3f |" : " %.2f |";
                    sb.append(Double.isNaN(v) ? " – |" : String.format(Locale.ROOT, fmt, v));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
