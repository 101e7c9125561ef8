package dev.quell.validation.cli;

import dev.quell.dsp.FrameFormat;
import dev.quell.files.AtomicFiles;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.oracle.OracleEnhancer;
import dev.quell.dsp.oracle.OracleStage;
import dev.quell.dsp.resample.Resampler;
import dev.quell.nn.Precision;
import dev.quell.cli.CliException;
import dev.quell.cli.OutputPaths;
import dev.quell.cli.QuellCommand;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.OfflineRenderer;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.PostFilterRateScale;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.validation.metrics.Dnsmos;
import dev.quell.validation.metrics.HighBandSpeech;
import dev.quell.validation.metrics.OpeningResidual;
import dev.quell.validation.metrics.SegmentalSnr;
import dev.quell.validation.metrics.SiSdr;
import dev.quell.validation.metrics.Stoi;
import dev.quell.validation.report.EvalResults;
import dev.quell.validation.report.ReportWriter;
import dev.quell.validation.report.SnrPlot;
import dev.quell.validation.report.SpectrogramImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell eval}: the evaluation report. Pairs clean and noisy files by name, enhances the
 * noisy files with the plugin engine (the same code a host runs) at each requested look-ahead —
 * or takes already enhanced files with {@code --enhanced} —, adds the transparency row (the clean
 * file through the engine: "do no harm"), the oracle (ideal gains and strengths from the clean
 * file) and any peers' outputs, and scores every condition ({@link EvalCondition}) with SI-SDR,
 * segmental SNR, STOI, ESTOI, the opening's level ({@link OpeningResidual}), the voice's level
 * above 8 kHz and what else the band holds ({@link HighBandSpeech}) and, when the ONNX
 * models are present, DNSMOS P.835 and P.808.
 * Writes {@code report.md} (means overall, per input-SNR bucket and per noise type),
 * {@code results.csv} and {@code results.json} (per file), spectrogram PNGs of a few files and a
 * plot of the metrics against input SNR into the report folder. With {@code --rates}, every pair
 * (clean and noisy alike) is first converted to each rate with {@link Resampler}, and each rate
 * gets its own sections and plot. PESQ is not computed (its licence does not allow it).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate Quell on clean/noisy pairs: report.md, results.csv/json, spectrograms, SNR plot.")
public final class EvalCommand implements QuellCommand {
    @Option(names = "--clean", required = true, paramLabel = "DIR", description = "Clean reference file or folder.")
    Path clean;

    @Option(names = "--noisy", required = true, paramLabel = "DIR", description = "Noisy file or folder.")
    Path noisy;

    @Option(names = "--enhanced", paramLabel = "DIR",
            description = "Already enhanced files (same names) to score instead of running Quell.")
    Path enhanced;

    @Option(names = "--peer", paramLabel = "NAME=DIR",
            description = "Another system's outputs (same names, .wav or as the noisy file) to score as a row; repeatable.")
    Map<String, Path> peers = new LinkedHashMap<>();

    @Option(names = "--stage", split = ",", defaultValue = "postfilter", paramLabel = "STAGE",
            description = "Oracle rows: gains, comb, postfilter (the full oracle) or none; comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = {"-o", "--output"}, defaultValue = "out/eval", paramLabel = "REPORT_DIR",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.qnn); default: the bundled model.")
    Path modelFile;

    @Option(names = "--lookahead-ms", split = ",", defaultValue = "0,10,20", paramLabel = "MS",
            description = "Look-ahead settings to evaluate, from 0, 10, 20 (default: ${DEFAULT-VALUE}).")
    List<Integer> lookaheads;

    @Option(names = "--int8", description = "Also evaluate 8-bit weights (at the longest look-ahead requested).")
    boolean int8;

    @Option(names = "--post-filter", defaultValue = "100", paramLabel = "PCT",
            description = "Post-filter strength 0..100 %% (default: ${DEFAULT-VALUE}); " + PostFilterRateScale.SUMMARY)
    double postFilter;

    @Option(names = "--dnsmos-models", paramLabel = "DIR",
            description = "Folder with the DNSMOS ONNX models (default: ../shared/models/dnsmos when present).")
    Path dnsmosDir;

    @Option(names = "--no-dnsmos", description = "Skip DNSMOS even when the models are present (it is the slowest metric).")
    boolean noDnsmos;

    @Option(names = "--rates", split = ",", paramLabel = "HZ",
            description = "Convert every pair (clean and noisy alike, with Quell's resampler) to each rate and report each, e.g. 8000,16000,48000 (default: the files' own rates).")
    List<Integer> rates = new ArrayList<>();

    @Option(names = "--no-transparency",
            description = "Leave out the transparency rows (the clean files through Quell, scored against themselves).")
    boolean noTransparency;

    @Option(names = "--grid-offsets", defaultValue = "1", paramLabel = "N",
            description = "Enhance each file at N positions of the 10 ms frame grid (input delayed by k x 10 ms / N of its own mirrored opening, k = 0..N-1) and score the mean; "
                    + "a frame shift alone moves the dev pairs' means by about 0.1 dB SI-SDR (1-" + FrameGridOffsets.MAX + ", default: ${DEFAULT-VALUE}).")
    int gridOffsets;

    @Option(names = "--spectrograms", defaultValue = "4", paramLabel = "N",
            description = "Number of files to draw spectrograms for (default: ${DEFAULT-VALUE}).")
    int spectrograms;

    /** Key of the results when pairs are scored at their files' own rate. */
    private static final int FILE_RATE = 0;
    /** Column of {@link HighBandSpeech.Scores#keptDb}. */
    static final String HIGH_BAND = "speech >8 kHz (dB)";
    /** Column of {@link HighBandSpeech.Scores#residualDb}. */
    static final String HIGH_BAND_RESIDUAL = "residual >8 kHz (dB)";

    private final Map<String, QuellEngine> engines = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        checkOptions();
        OutputPaths.checkNotInput(output, clean, noisy);
        List<PairedFiles.Pair> pairs = PairedFiles.find(clean, noisy, null);
        EngineModels f32 = null;
        if (enhanced == null) {
            f32 = EngineModels.fileOrDefault(modelFile, Precision.FLOAT32);
        }
        List<EvalCondition> conditions = conditions(f32);
        Dnsmos dnsmos = openDnsmos();
        List<PairedFiles.Pair> drawn = pickForSpectrograms(pairs, spectrograms);
        Map<Integer, EvalResults> results = new LinkedHashMap<>();
        List<Integer> targets = rates.isEmpty() ? List.of(FILE_RATE) : List.copyOf(new java.util.LinkedHashSet<>(rates));
        for (int r : targets) {
            EvalResults er = new EvalResults();
            er.declare(List.of("SI-SDR (dB)", "segSNR (dB)", "STOI", "ESTOI", "opening (dB)", HIGH_BAND, HIGH_BAND_RESIDUAL), dnsmos != null ? List.of("clean") : List.of());
            results.put(r, er);
        }
        try {
            scoreAll(pairs, conditions, results, dnsmos, drawn);
        } finally {
            if (dnsmos != null) {
                dnsmos.close();
            }
        }
        writeReport(results, f32, drawn, dnsmos != null);
        for (Map.Entry<Integer, EvalResults> e : results.entrySet()) {
            if (results.size() > 1) {
                System.out.println(rateName(e.getKey()));
            }
            System.out.print(ReportWriter.bySnr(e.getValue(), "SI-SDR (dB)"));
            System.out.println();
            System.out.print(ReportWriter.summary(e.getValue()));
        }
        System.out.println("report: " + output.resolve("report.md"));
        return 0;
    }

    /** Refuses a post-filter outside 0..100, an unknown look-ahead and a rate 48 kHz cannot be converted to. */
    private void checkOptions() {
        if (postFilter < 0 || postFilter > 100) {
            throw new CliException("--post-filter must be 0..100");
        }
        for (int la : lookaheads) {
            LookaheadMs.frames(la);
        }
        if (gridOffsets < 1 || gridOffsets > FrameGridOffsets.MAX) {
            throw new CliException("--grid-offsets must be 1.." + FrameGridOffsets.MAX + ", not " + gridOffsets);
        }
        for (int r : rates) {
            if (r < 8000 || r > 192000) {
                throw new CliException("--rates takes rates from 8000 to 192000 Hz, not " + r);
            }
            try {
                new Resampler(FrameFormat.SAMPLE_RATE, r);
            } catch (IllegalArgumentException e) {
                throw new CliException("--rates: " + r + " Hz cannot be converted from 48 kHz (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Scores every pair at every rate of {@code results} (its keys; {@link #FILE_RATE} for the
     * files' own), skipping a pair whose clean and noisy files differ in length or rate, with a
     * progress line every 10 pairs.
     */
    private void scoreAll(List<PairedFiles.Pair> pairs, List<EvalCondition> conditions, Map<Integer, EvalResults> results,
                          Dnsmos dnsmos, List<PairedFiles.Pair> drawn) throws IOException {
        long start = System.nanoTime();
        int done = 0;
        for (PairedFiles.Pair p : pairs) {
            AudioData c = AudioReader.read(p.clean());
            AudioData n = AudioReader.read(p.noisy());
            if (c.frames() != n.frames() || c.sampleRate() != n.sampleRate()) {
                System.err.println("quell: skipped " + p.name() + ": clean and noisy differ in length or rate");
                continue;
            }
            for (int target : results.keySet()) {
                int rate = target == FILE_RATE ? n.sampleRate() : target;
                float[] cm = Resampler.resample(c.mono(), c.sampleRate(), rate);
                float[] nm = Resampler.resample(n.mono(), n.sampleRate(), rate);
                score(p, cm, nm, rate, conditions, results.get(target), dnsmos,
                        drawn.contains(p) ? spectrogramPath(p, results.size() > 1 ? rate : FILE_RATE) : null);
            }
            done++;
            if (done % 10 == 0) {
                System.err.printf(Locale.ROOT, "quell: %d of %d pairs scored (%.0f s)%n", done, pairs.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** The report's rows, in order: noisy, Quell (or --enhanced), transparency, oracle stages, peers. */
    private List<EvalCondition> conditions(EngineModels f32) throws IOException {
        List<EvalCondition> list = new ArrayList<>();
        list.add(EvalCondition.noisy());
        if (enhanced != null) {
            list.add(EvalCondition.enhanced(enhanced));
        } else {
            int longest = lookaheads.stream().max(Integer::compare).orElse(20);
            for (int la : lookaheads) {
                list.add(EvalCondition.quell(f32, la, false, la == longest));
            }
            if (int8) {
                EngineModels q8 = EngineModels.fileOrDefault(modelFile, Precision.INT8);
                list.add(EvalCondition.quell(q8, longest, true, false));
            }
            if (!noTransparency) {
                list.add(EvalCondition.quellOnClean(f32, longest));
            }
        }
        for (String s : stages) {
            if (!s.equalsIgnoreCase("none")) {
                try {
                    list.add(EvalCondition.oracle(OracleStage.parse(s)));
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
            }
        }
        peers.forEach((name, dir) -> list.add(EvalCondition.peer(name, dir)));
        return list;
    }

    private Dnsmos openDnsmos() throws IOException {
        if (noDnsmos) {
            return null;
        }
        Path models = dnsmosDir != null ? dnsmosDir : Path.of("../shared/models/dnsmos");
        if (Files.isRegularFile(models.resolve("sig_bak_ovr.onnx"))) {
            return new Dnsmos(models);
        }
        System.err.println("quell: DNSMOS models not found in " + models + "; DNSMOS is left out of the report");
        return null;
    }

    /** Scores every condition of one pair at one rate; draws its spectrograms when png is not null. */
    private void score(PairedFiles.Pair p, float[] cm, float[] nm, int rate, List<EvalCondition> conditions,
            EvalResults results, Dnsmos dnsmos, Path png) throws IOException {
        if (dnsmos != null) {
            results.add(p.name(), "clean", rate, p.snrDb(), p.noiseType(), dnsmosScores(dnsmos, cm, rate));
        }
        List<String> labels = new ArrayList<>();
        List<float[]> signals = new ArrayList<>();
        for (EvalCondition c : conditions) {
            float[] y = signal(c, p, cm, nm, rate, 0);
            if (y == null) {
                continue;
            }
            List<Map<String, Double>> perOffset = new ArrayList<>();
            perOffset.add(scores(cm, y, rate, dnsmos));
            if (c.kind() == EvalCondition.Kind.QUELL || c.kind() == EvalCondition.Kind.QUELL_ON_CLEAN) {
                int[] delays = FrameGridOffsets.delays(gridOffsets, rate);
                for (int k = 1; k < delays.length; k++) {
                    perOffset.add(scores(cm, signal(c, p, cm, nm, rate, delays[k]), rate, dnsmos));
                }
            }
            results.add(p.name(), c.label(), rate, p.snrDb(), p.noiseType(), FrameGridOffsets.mean(perOffset));
            if (c.drawn()) {
                labels.add(c.label());
                signals.add(y);
            }
        }
        if (png != null) {
            labels.add("clean");
            signals.add(cm);
            SpectrogramImage.write(p.name() + (Double.isNaN(p.snrDb()) ? ""
                    : String.format(Locale.ROOT, " (input SNR %.0f dB)", p.snrDb())) + ", " + rate / 1000.0 + " kHz",
                    labels, signals, rate, png);
        }
    }

    /** The intrusive metrics of one signal against the clean file, and DNSMOS when open. */
    private static Map<String, Double> scores(float[] cm, float[] y, int rate, Dnsmos dnsmos) throws IOException {
        Map<String, Double> m = intrusive(cm, y, rate);
        if (dnsmos != null) {
            m.putAll(dnsmosScores(dnsmos, y, rate));
        }
        return m;
    }

    /**
     * The signal a condition scores for one pair at one rate, or null when its file is missing;
     * Quell's conditions run on the input delayed by {@code delay} samples (then removed).
     */
    private float[] signal(EvalCondition c, PairedFiles.Pair p, float[] cm, float[] nm, int rate, int delay) throws IOException {
        return switch (c.kind()) {
            case NOISY -> nm;
            case ENHANCED, PEER -> readNamesake(c.dir(), p, rate, nm.length);
            case QUELL -> FrameGridOffsets.delayed(x -> enhance(x, rate, c.models(), c.lookaheadMs()), nm, delay);
            case QUELL_ON_CLEAN -> FrameGridOffsets.delayed(x -> enhance(x, rate, c.models(), c.lookaheadMs()), cm, delay);
            case ORACLE -> oracle(cm, nm, rate, c.stage());
        };
    }

    private Path spectrogramPath(PairedFiles.Pair p, int rate) {
        String base = OutputPaths.wavName(p.name()).replaceAll("\\.wav$", "");
        return output.resolve("spectrograms").resolve(base + (rate == FILE_RATE ? "" : "-" + rate + "Hz") + ".png");
    }

    private static String rateName(int rate) {
        return rate == FILE_RATE ? "the files' own rate" : new java.math.BigDecimal(rate).movePointLeft(3).stripTrailingZeros().toPlainString() + " kHz";
    }

    /** Up to n pairs spread over the input SNRs (sorted by SNR, evenly spaced). */
    private static List<PairedFiles.Pair> pickForSpectrograms(List<PairedFiles.Pair> pairs, int n) {
        List<PairedFiles.Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(p -> Double.isNaN(p.snrDb()) ? 0 : p.snrDb()));
        List<PairedFiles.Pair> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, sorted.size()); i++) {
            int idx = n == 1 ? sorted.size() / 2 : (int) Math.round(i * (sorted.size() - 1) / (double) (n - 1));
            if (!out.contains(sorted.get(idx))) {
                out.add(sorted.get(idx));
            }
        }
        return out;
    }

    /** A finished output for the pair (same name, or the name with .wav), converted to the rate and length. */
    private static float[] readNamesake(Path dir, PairedFiles.Pair p, int rate, int length) throws IOException {
        Path f = dir.resolve(p.name());
        if (!Files.isRegularFile(f)) {
            f = dir.resolve(OutputPaths.wavName(p.name()));
        }
        if (!Files.isRegularFile(f)) {
            System.err.println("quell: " + dir + " has no file for " + p.name() + "; that row skips it");
            return null;
        }
        AudioData a = AudioReader.read(f);
        float[] x = Resampler.resample(a.mono(), a.sampleRate(), rate);
        return x.length == length ? x : java.util.Arrays.copyOf(x, length);
    }

    private static Map<String, Double> intrusive(float[] clean, float[] test, int rate) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("SI-SDR (dB)", SiSdr.compute(clean, test));
        m.put("segSNR (dB)", SegmentalSnr.compute(clean, test, rate));
        m.put("STOI", Stoi.stoi(clean, test, rate));
        m.put("ESTOI", Stoi.estoi(clean, test, rate));
        m.put("opening (dB)", OpeningResidual.compute(clean, test, rate));
        HighBandSpeech.Scores high = HighBandSpeech.compute(clean, test, rate);
        m.put(HIGH_BAND, high.keptDb());
        m.put(HIGH_BAND_RESIDUAL, high.residualDb());
        return m;
    }

    private static Map<String, Double> dnsmosScores(Dnsmos d, float[] x, int rate) throws IOException {
        Dnsmos.Scores s = d.score(x, rate);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("DNSMOS OVRL", s.ovrl());
        m.put("DNSMOS SIG", s.sig());
        m.put("DNSMOS BAK", s.bak());
        m.put("DNSMOS P.808", s.p808());
        return m;
    }

    private static float[] oracle(float[] clean, float[] noisy, int rate, OracleStage stage) {
        int r = FrameFormat.SAMPLE_RATE;
        float[] c48 = Resampler.resample(clean, rate, r);
        float[] n48 = Resampler.resample(noisy, rate, r);
        float[] y = OracleEnhancer.process(c48, n48, stage, FrameFormat.MAX_LOOKAHEAD);
        return java.util.Arrays.copyOf(Resampler.resample(y, r, rate), noisy.length);
    }

    /** Enhances with the plugin engine itself (mono, 4096-frame blocks, latency removed). */
    private float[] enhance(float[] x, int rate, EngineModels models, int lookaheadMs) {
        int engineRate = OfflineRenderer.engineRate(rate);
        QuellEngine e = engines.computeIfAbsent(System.identityHashCode(models) + "/" + lookaheadMs + "/" + engineRate, k -> {
            QuellEngine q = new QuellEngine(models);
            q.setParameter(Parameter.POST_FILTER, postFilter);
            q.setParameter(Parameter.LOOKAHEAD, lookaheadMs);
            q.prepare(engineRate, OfflineRenderer.DEFAULT_BLOCK, 1);
            return q;
        });
        return OfflineRenderer.renderAtRate(e, new float[][] {x}, rate, OfflineRenderer.DEFAULT_BLOCK, null)[0];
    }

    /** Writes {@code results.csv}, {@code results.json}, the SNR plots and {@code report.md} into the output folder. */
    private void writeReport(Map<Integer, EvalResults> results, EngineModels models, List<PairedFiles.Pair> drawn,
            boolean withDnsmos) throws IOException {
        Files.createDirectories(output);
        Map<String, Object> meta = meta(results, models);
        List<EvalResults> parts = List.copyOf(results.values());
        AtomicFiles.write(output.resolve("results.csv"), EvalResults.toCsv(parts).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(output.resolve("results.json"), EvalResults.toJson(meta, parts));
        List<String> plotted = new ArrayList<>(List.of("SI-SDR (dB)", "STOI"));
        if (withDnsmos) {
            plotted.add("DNSMOS OVRL");
        }
        StringBuilder md = new StringBuilder("# Quell evaluation report\n\n");
        describeRun(md, meta, results, models, withDnsmos);
        for (Map.Entry<Integer, EvalResults> e : results.entrySet()) {
            boolean several = results.size() > 1;
            String plot = several ? "snr-" + e.getKey() + "Hz.png" : "snr.png";
            SnrPlot.write(e.getValue(), plotted, output.resolve(plot));
            if (several) {
                md.append("## ").append(rateName(e.getKey())).append("\n\n");
            }
            sections(md, e.getValue(), several ? "### " : "## ", plot);
        }
        if (!drawn.isEmpty()) {
            md.append("## Spectrograms\n\n");
            for (PairedFiles.Pair p : drawn) {
                for (int rate : results.keySet()) {
                    Path png = spectrogramPath(p, results.size() > 1 ? rate : FILE_RATE);
                    md.append("![").append(p.name()).append("](spectrograms/").append(png.getFileName()).append(")\n\n");
                }
            }
        }
        AtomicFiles.write(output.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code results.json} records about the run: inputs, rates, model or enhanced files, settings. */
    private Map<String, Object> meta(Map<Integer, EvalResults> results, EngineModels models) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", LocalDate.now().toString());
        meta.put("clean", clean.toString());
        meta.put("noisy", noisy.toString());
        meta.put("pairs", results.values().iterator().next().entries().stream().map(EvalResults.Entry::file).distinct().count());
        meta.put("rates_hz", rates.isEmpty() ? "files' own" : rates);
        if (models != null) {
            meta.put("model", models.name());
            meta.put("parameters", models.model(2).parameterCount());
            meta.put("trained_lookahead_frames", models.nativeLookahead());
            meta.put("provenance", models.model(2).provenance());
        } else {
            meta.put("enhanced", enhanced.toString());
        }
        meta.put("post_filter_percent", postFilter);
        meta.put(EvalResults.GRID_OFFSETS, gridOffsets);
        meta.put("peers", peers.keySet());
        return meta;
    }

    /** The report's opening list: pairs, rates, model, settings, conditions and metrics. */
    private void describeRun(StringBuilder md, Map<String, Object> meta, Map<Integer, EvalResults> results,
                             EngineModels models, boolean withDnsmos) {
        md.append("- pairs: ").append(meta.get("pairs")).append(" (clean `").append(clean).append("`, noisy `")
                .append(noisy).append("`)\n");
        if (!rates.isEmpty()) {
            md.append("- rates: ").append(String.join(", ", results.keySet().stream().map(EvalCommand::rateName).toList()))
                    .append("; every pair (clean and noisy alike) converted to each rate with Quell's resampler before anything else\n");
        }
        if (models != null) {
            md.append("- model: ").append(models.name()).append(", ").append(meta.get("parameters"))
                    .append(" parameters, trained with ").append(models.nativeLookahead() * 10)
                    .append(" ms look-ahead; provenance ").append(models.model(2).provenance()).append('\n');
        } else {
            md.append("- enhanced files: `").append(enhanced).append("`\n");
        }
        md.append("- settings: post-filter ").append(Parameter.POST_FILTER.format(postFilter))
                .append(", attenuation limit none; Quell runs through the plugin engine (`QuellEngine`) in 4096-frame blocks, latency removed\n");
        if (gridOffsets > 1) {
            md.append("- frame grid: every Quell row is the mean over ").append(gridOffsets)
                    .append(" positions of the 10 ms frame grid (input delayed by k × 10 ms / ").append(gridOffsets)
                    .append(" of its own opening, mirrored")
                    .append(", k = 0…").append(gridOffsets - 1).append("; `--grid-offsets`)\n");
        }
        if (models != null && !noTransparency) {
            md.append("- transparency: \"on clean input\" rows run the clean file through Quell and score it against itself (do no harm)\n");
        }
        md.append("- oracle: ideal band gains and comb strengths from the clean file with the full DSP chain (20 ms look-ahead)\n");
        md.append("- metrics: SI-SDR (Le Roux et al. 2019), segmental SNR (30 ms frames, clipped to −10…35 dB), STOI (Taal et al. 2011), ESTOI (Jensen & Taal 2016), opening (the level during the clean file's silent opening, dB re its speech: noise the enhancer lets through before the first word; `OpeningResidual`), speech >8 kHz (the voice's level above 8 kHz against the clean file's, dB, noise not counted: 0 = kept, −3 = duller) and residual >8 kHz (everything else there, noise and distortion, dB re the clean voice there: minus the band's SNR on the input; lower is cleaner), at rates of 32 kHz and up for references that have a voice there (`HighBandSpeech`)")
                .append(withDnsmos ? ", DNSMOS P.835 (SIG/BAK/OVRL) and P.808 (ONNX models, CC BY 4.0)" : "; DNSMOS left out (models not found or --no-dnsmos)")
                .append("; PESQ is not implemented (licence)\n");
        md.append("- generated ").append(meta.get("date")).append(" by `quell eval`; per-file values in `results.csv` and `results.json`\n\n");
    }

    /** Summary, per input SNR (with the plot) and per noise type, under headings of the given level. */
    private static void sections(StringBuilder md, EvalResults r, String heading, String plot) {
        md.append(heading).append("Summary (mean over all pairs)\n\n").append(ReportWriter.summary(r)).append('\n');
        md.append(heading).append("By input SNR\n\n![metrics against input SNR](").append(plot).append(")\n\n");
        for (String m : r.metrics()) {
            md.append("**").append(m).append("**\n\n").append(ReportWriter.bySnr(r, m)).append('\n');
        }
        if (!r.noiseTypes().isEmpty()) {
            md.append(heading).append("By noise type\n\nNoise families from the set's `list.csv` (the part of the noise name before the first '-').\n\n");
            for (String m : r.metrics()) {
                md.append("**").append(m).append("**\n\n").append(ReportWriter.byNoise(r, m)).append('\n');
            }
        }
    }
}
