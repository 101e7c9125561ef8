package dev.quell.validation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Per-file metric values of an evaluation: one {@link Entry} per (file, condition), holding every
 * metric computed for it. Conditions and metrics keep their first-seen order. Thread-safe.
 */
public final class EvalResults {
    /** Key under "meta" of the number of frame-grid positions the Quell rows are the mean over. */
    public static final String GRID_OFFSETS = "grid_offsets";
    /** Condition label of the unprocessed input. */
    public static final String NOISY = "noisy";
    /** Start of the label of every condition that runs Quell, e.g. "Quell L=20 ms int8". */
    public static final String QUELL = "Quell L=";
    /** End of the label of the condition that runs the clean file through Quell (transparency). */
    public static final String ON_CLEAN_INPUT = " on clean input";

    /**
     * One file under one condition.
     *
     * @param file file name
     * @param condition condition label, e.g. "noisy", "Quell L=20 ms"
     * @param rateHz sample rate the signals were scored at, Hz
     * @param snrDb input SNR of the pair in dB (NaN if unknown)
     * @param noiseType noise family ("" if unknown)
     * @param metrics metric name to value, in insertion order
     */
    public record Entry(String file, String condition, int rateHz, double snrDb, String noiseType, Map<String, Double> metrics) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> conditions = new LinkedHashSet<>();
    private final Set<String> metrics = new LinkedHashSet<>();

    /**
     * Records the metric values of one file under one condition (merging with earlier values of
     * the same file and condition).
     *
     * @param file file name
     * @param condition condition label
     * @param rateHz sample rate the signals were scored at, Hz
     * @param snrDb input SNR (NaN if unknown)
     * @param noiseType noise family ("" if unknown)
     * @param values metric name to value
     */
    public synchronized void add(String file, String condition, int rateHz, double snrDb, String noiseType,
            Map<String, Double> values) {
        conditions.add(condition);
        metrics.addAll(values.keySet());
        for (Entry e : entries) {
            if (e.file().equals(file) && e.condition().equals(condition) && e.rateHz() == rateHz) {
                e.metrics().putAll(values);
                return;
            }
        }
        entries.add(new Entry(file, condition, rateHz, snrDb, noiseType, new LinkedHashMap<>(values)));
    }

    /**
     * Fixes the order of metrics and conditions ahead of the values (names not declared keep
     * their first-seen order after these).
     *
     * @param metricOrder metric names
     * @param conditionOrder condition labels
     */
    public synchronized void declare(List<String> metricOrder, List<String> conditionOrder) {
        metrics.addAll(metricOrder);
        conditions.addAll(conditionOrder);
    }

    /** @return condition labels in first-seen order */
    public synchronized List<String> conditions() {
        return List.copyOf(conditions);
    }

    /** @return metric names in first-seen order */
    public synchronized List<String> metrics() {
        return List.copyOf(metrics);
    }

    /** @return distinct input SNRs present, ascending (NaN excluded) */
    public synchronized List<Double> snrs() {
        TreeSet<Double> s = new TreeSet<>();
        for (Entry e : entries) {
            if (!Double.isNaN(e.snrDb())) {
                s.add(e.snrDb());
            }
        }
        return List.copyOf(s);
    }

    /** @return distinct noise families present, sorted ("" excluded) */
    public synchronized List<String> noiseTypes() {
        TreeSet<String> s = new TreeSet<>();
        for (Entry e : entries) {
            if (!e.noiseType().isEmpty()) {
                s.add(e.noiseType());
            }
        }
        return List.copyOf(s);
    }

    /**
     * Mean of a metric over the entries of a condition that pass a filter.
     *
     * @param metric metric name
     * @param condition condition label
     * @param filter which entries count
     * @return {mean, count}; mean NaN when count is 0
     */
    public synchronized double[] mean(String metric, String condition, Predicate<Entry> filter) {
        double sum = 0;
        int n = 0;
        for (Entry e : entries) {
            Double v = e.metrics().get(metric);
            if (e.condition().equals(condition) && v != null && !Double.isNaN(v) && filter.test(e)) {
                sum += v;
                n++;
            }
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, n};
    }

    /** @return a snapshot of every entry */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * @param parts results (for example one per evaluated rate), written in order
     * @return CSV: rate_hz, file, condition, snr_db, noise_type, then one column per metric of
     *     any part (empty when not computed), one line per entry
     */
    public static String toCsv(List<EvalResults> parts) {
        Set<String> metrics = new LinkedHashSet<>();
        for (EvalResults r : parts) {
            metrics.addAll(r.metrics());
        }
        StringBuilder sb = new StringBuilder("rate_hz,file,condition,snr_db,noise_type");
        for (String m : metrics) {
            sb.append(',').append(csv(m));
        }
        sb.append('\n');
        for (EvalResults r : parts) {
            for (Entry e : r.entries()) {
                sb.append(e.rateHz()).append(',').append(csv(e.file())).append(',').append(csv(e.condition())).append(',')
                        .append(Double.isNaN(e.snrDb()) ? "" : String.format(Locale.ROOT, "%g", e.snrDb())).append(',')
                        .append(csv(e.noiseType()));
                for (String m : metrics) {
                    Double v = e.metrics().get(m);
                    sb.append(',').append(v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.6f", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * Reads what {@link #toJson} wrote (the {@code results.json} of {@code quell eval}), adding
     * its entries to {@code into}.
     *
     * @param json the file's bytes
     * @param into results to add to
     * @return how many positions of the 10 ms frame grid its Quell rows are the mean over: its
     *     {@code meta.grid_offsets} ({@link #GRID_OFFSETS}), which {@code quell eval} has recorded
     *     since its {@code --grid-offsets} option exists; 1 for a report without it, at least 1
     * @throws IllegalArgumentException if it is not JSON with a "results" array of entries, or
     *     {@code grid_offsets} is there but not a positive integer
     */
    public static int readJson(byte[] json, EvalResults into) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        com.fasterxml.jackson.databind.JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw new IllegalArgumentException("no \"results\" array");
        }
        for (com.fasterxml.jackson.databind.JsonNode o : results) {
            if (!o.hasNonNull("rate_hz") || !o.hasNonNull("file") || !o.hasNonNull("condition") || !o.has("metrics")) {
                throw new IllegalArgumentException("an entry without rate_hz, file, condition or metrics: " + o);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            o.get("metrics").fields().forEachRemaining(f -> values.put(f.getKey(),
                    f.getValue().isNumber() ? f.getValue().asDouble() : Double.NaN));
            double snr = o.hasNonNull("snr_db") ? o.get("snr_db").asDouble() : Double.NaN;
            String noise = o.hasNonNull("noise_type") ? o.get("noise_type").asText() : "";
            into.add(o.get("file").asText(), o.get("condition").asText(), o.get("rate_hz").asInt(), snr, noise, values);
        }
        return gridPositions(root.path("meta").get(GRID_OFFSETS));
    }

    /** {@code meta.grid_offsets} as read by {@link #readJson}: null (absent) counts as 1. */
    private static int gridPositions(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || n.isNull()) {
            return 1;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new IllegalArgumentException("meta." + GRID_OFFSETS + " is not a positive integer: " + n);
        }
        return n.asInt();
    }

    /**
     * @param meta free-form description (model, settings) put under "meta"
     * @param parts results (for example one per evaluated rate), written in order
     * @return JSON bytes: {"meta":{...},"results":[{rate_hz, file, condition, snr_db, noise_type, metrics:{...}}]}
     */
    public static byte[] toJson(Map<String, Object> meta, List<EvalResults> parts) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.set("meta", json.valueToTree(meta));
        ArrayNode arr = root.putArray("results");
        for (Entry e : parts.stream().flatMap(p -> p.entries().stream()).toList()) {
            ObjectNode o = arr.addObject();
            o.put("rate_hz", e.rateHz());
            o.put("file", e.file());
            o.put("condition", e.condition());
            if (Double.isNaN(e.snrDb())) {
                o.putNull("snr_db");
            } else {
                o.put("snr_db", e.snrDb());
            }
            o.put("noise_type", e.noiseType());
            ObjectNode m = o.putObject("metrics");
            e.metrics().forEach((k, v) -> {
                if (v.isNaN()) {
                    m.putNull(k);
                } else {
                    m.put(k, v);
                }
            });
        }
        try {
            return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
