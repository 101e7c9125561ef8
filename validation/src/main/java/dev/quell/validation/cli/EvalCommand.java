package dev.quell.validation.cli;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.nn.Precision;
import dev.quell.plugin.cli.CliException;
import dev.quell.plugin.cli.QuellCommand;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.OfflineRenderer;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.validation.metrics.Dnsmos;
import java.util.HashMap;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code quell eval}: enhances the noisy files of a paired set with the plugin engine (the same
 * code a host runs; the bundled model or --model) at each requested look-ahead and prints mean
 * SI-SDR, segmental SNR, STOI and ESTOI per input SNR, for the noisy input and Quell (float32
 * and, with --int8, 8-bit weights), plus DNSMOS (clean, noisy, Quell) when the models are
 * present. The full report (spectrograms, peers, plots) is still to come (issue 6).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on clean/noisy pairs: SI-SDR, segmental SNR, STOI, ESTOI per input SNR.")
public final class EvalCommand implements QuellCommand {
    @Option(names = "--clean", required = true, paramLabel = "DIR", description = "Clean reference file or folder.")
    Path clean;

    @Option(names = "--noisy", required = true, paramLabel = "DIR", description = "Noisy file or folder.")
    Path noisy;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file (.qnn); default: the bundled model.")
    Path modelFile;

    @Option(names = "--lookahead-ms", split = ",", defaultValue = "20", paramLabel = "MS",
            description = "Look-ahead settings to evaluate, comma-separated from 0, 10, 20 (default: ${DEFAULT-VALUE}).")
    List<Integer> lookaheads;

    @Option(names = "--int8", description = "Also evaluate the model with 8-bit weights.")
    boolean int8;

    @Option(names = "--post-filter", defaultValue = "100", paramLabel = "PCT",
            description = "Post-filter strength in percent (default: ${DEFAULT-VALUE}).")
    double postFilter;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the tables to this Markdown file.")
    Path report;

    @Option(names = "--dnsmos-models", paramLabel = "DIR",
            description = "Folder with the DNSMOS ONNX models (default: ../shared/models/dnsmos when present).")
    Path dnsmosDir;

    @Override
    public Integer call() throws IOException {
        if (postFilter < 0 || postFilter > 100) {
            throw new CliException("--post-filter must be 0..100");
        }
        for (int la : lookaheads) {
            if (la != 0 && la != 10 && la != 20) {
                throw new CliException("--lookahead-ms takes 0, 10 or 20, not " + la);
            }
        }
        EngineModels f32 = modelFile == null ? EngineModels.defaults(Precision.FLOAT32)
                : EngineModels.load(modelFile, Precision.FLOAT32);
        EngineModels q8 = !int8 ? null : modelFile == null ? EngineModels.defaults(Precision.INT8)
                : EngineModels.load(modelFile, Precision.INT8);
        List<PairedFiles.Pair> pairs = PairedFiles.find(clean, noisy, null);
        ResultTable table = new ResultTable();
        Path models = dnsmosDir != null ? dnsmosDir : Path.of("../shared/models/dnsmos");
        Dnsmos dnsmos = null;
        if (Files.isRegularFile(models.resolve("sig_bak_ovr.onnx"))) {
            dnsmos = new Dnsmos(models);
        } else {
            System.err.println("quell: DNSMOS models not found in " + models + "; DNSMOS is left out");
        }
        for (PairedFiles.Pair p : pairs) {
            AudioData c = AudioReader.read(p.clean());
            AudioData n = AudioReader.read(p.noisy());
            float[] cm = c.mono();
            float[] nm = n.mono();
            if (cm.length != nm.length) {
                System.err.println("quell: skipped " + p.name() + ": lengths differ");
                continue;
            }
            QualityScores.add(table, "noisy", p.snrDb(), cm, nm, n.sampleRate());
            if (dnsmos != null) {
                addDnsmos(table, dnsmos, "clean", p.snrDb(), cm, n.sampleRate());
                addDnsmos(table, dnsmos, "noisy", p.snrDb(), nm, n.sampleRate());
            }
            for (int la : lookaheads) {
                String label = "Quell L=" + la + " ms";
                float[] e32 = enhance(nm, n.sampleRate(), f32, la);
                QualityScores.add(table, label, p.snrDb(), cm, e32, n.sampleRate());
                if (q8 != null) {
                    QualityScores.add(table, label + " int8", p.snrDb(), cm, enhance(nm, n.sampleRate(), q8, la),
                            n.sampleRate());
                }
                if (dnsmos != null) {
                    addDnsmos(table, dnsmos, label, p.snrDb(), e32, n.sampleRate());
                }
            }
        }
        if (dnsmos != null) {
            dnsmos.close();
        }
        String md = table.toMarkdown();
        System.out.print(md);
        System.out.printf(Locale.ROOT, "%d pair(s); %s, %d parameters, trained look-ahead %d frames, provenance %s%n",
                pairs.size(), f32.name(), f32.model(2).parameterCount(), f32.nativeLookahead(), f32.model(2).provenance());
        if (report != null) {
            OutputPaths.checkNotInput(report, clean, noisy);
            Files.writeString(report, md);
        }
        return 0;
    }

    private static void addDnsmos(ResultTable t, Dnsmos d, String row, double snr, float[] x, int rate)
            throws IOException {
        Dnsmos.Scores s = d.score(x, rate);
        t.add("DNSMOS OVRL", row, snr, s.ovrl());
        t.add("DNSMOS SIG", row, snr, s.sig());
        t.add("DNSMOS BAK", row, snr, s.bak());
        t.add("DNSMOS P.808", row, snr, s.p808());
    }

    private final Map<String, QuellEngine> engines = new HashMap<>();

    /** Enhances with the plugin engine itself (mono, 4096-frame blocks, latency removed). */
    private float[] enhance(float[] x, int rate, EngineModels models, int lookaheadMs) {
        QuellEngine e = engines.computeIfAbsent(System.identityHashCode(models) + "/" + lookaheadMs + "/" + rate, k -> {
            QuellEngine q = new QuellEngine(models);
            q.setParameter(Parameter.POST_FILTER, postFilter);
            q.setParameter(Parameter.LOOKAHEAD, lookaheadMs);
            q.prepare(rate, OfflineRenderer.DEFAULT_BLOCK, 1);
            return q;
        });
        return OfflineRenderer.render(e, new float[][] {x}, OfflineRenderer.DEFAULT_BLOCK, null)[0];
    }
}
