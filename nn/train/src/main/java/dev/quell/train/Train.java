package dev.quell.train;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.quell.dsp.Features;
import dev.quell.dsp.NetworkInputs;
import dev.quell.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains {@link QuellNet} on shards from {@link MakeShards}, in bounded chunks that checkpoint
 * and resume: {@code Train SHARD_DIR WORK_DIR TOTAL_STEPS [key=value ...]} with keys
 * {@code lookahead} (2), {@code batch} (16), {@code lr} (1e-3), {@code lrfinal} (the rate at the
 * run's last step, by cosine decay from lr; default lr, a fixed rate), {@code checkpoint} (100 steps),
 * {@code minutes} (stop after this wall time, default unlimited), {@code golden} (file to write a
 * DJL forward-pass golden sequence to at the end; for each reduced look-ahead l also FILE-Ll), {@code dev} (a paired folder with clean/ and
 * noisy/, e.g. ../shared/data/dev/pairs: its masked loss is logged to {@code dev.csv} at every
 * checkpoint), {@code mixlookahead} (true: train a quarter of the batches each with 1 and 0
 * frames of look-ahead by folding the convolutions, so one model serves every plugin setting),
 * {@code average} (comma-separated checkpoint files of this architecture: instead of resuming from
 * {@code checkpoint.params}, start from the element-wise mean of their parameters, i.e. checkpoint
 * averaging as in stochastic weight averaging, Izmailov et al. 2018; with TOTAL_STEPS equal to the
 * step count this just writes the averaged checkpoint, export and golden files), {@code sdr} (weight of
 * the signal-domain term of {@link EnhancerLoss}, default 0 = the perceptual loss alone), {@code overatt}
 * (weight of its over-attenuation term, default 0), {@code snr} (weight of its SNR-head term,
 * default 0; above 0 the network gets the SNR head of {@link FrameSnr}, which a checkpoint without
 * it gains at its initial values and which the export leaves out), {@code pause} (weight of its
 * pause term, the residual energy in speech pauses, default 0), {@code weak} (weight of its
 * weak-speech term, the speech cut in frames 20–40 dB below the loudest, default 0), {@code leak}
 * (weight of its leak term, the noise left above the target in speech frames, default 0),
 * {@code musicpause} ({@code FACTOR@FROM-TO}: in shards FROM..TO, the pause term of each example
 * whose noise recipe 15 made loud music counts FACTOR times, see {@link LoudMusicFactor}),
 * {@code musicspeech} (the same for the over-attenuation and weak-speech terms), {@code keep}
 * (from this step on, also keep every checkpoint as {@code ckpt-STEP.params}, for averaging),
 * {@code maxsnr} (dB: examples whose estimated input SNR is higher are drawn a quarter as often),
 * {@code level} ({@code LO,HI} in dB: each example is presented as if its audio were scaled by a
 * gain drawn uniformly from LO..HI dB, see {@link LevelShift}; default off), {@code noisefloor}
 * (true: the network also takes the noise-floor distances, 104 inputs), {@code modulation} (true:
 * it takes those and the modulation depths, 138 inputs; see {@link dev.quell.dsp.NetworkInputs};
 * a checkpoint with fewer inputs gains the new ones at zero weight), {@code gru} (state
 * size of gru1 and gru2, default that of the checkpoint, else 256; a larger size than the
 * checkpoint's widens it so that it starts out computing the same outputs, see {@link Widening}).
 *
 * <p>WORK_DIR holds {@code norm.bin} (feature mean/std, computed once from the first shards),
 * {@code checkpoint.params} + {@code state.properties} (step count, input count, GRU size, SNR head), {@code loss.csv} and
 * {@code model.qnn} (the runtime export of the last checkpoint). Re-running the same command
 * continues from the last checkpoint (Adam's moment estimates restart; the step count and the
 * data order do not; rows that {@code loss.csv} and {@code dev.csv} hold for steps past the
 * checkpoint are dropped, see {@link StepLogs}). The shard folder is listed again at every checkpoint: shards that a
 * generator wrote meanwhile join the pool (which changes the data order from then on; a folder
 * that does not change gives the same order as before). Run with {@code -Dai.djl.offline=true}.
 */
public final class Train {
    private Train() {
    }

    /**
     * @param args SHARD_DIR WORK_DIR TOTAL_STEPS [key=value ...]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Train SHARD_DIR WORK_DIR TOTAL_STEPS " + TrainOptions.usage());
            System.exit(2);
        }
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int totalSteps;
        TrainOptions options;
        try {
            totalSteps = Integer.parseInt(args[2]);
            options = TrainOptions.parse(opt);
        } catch (NumberFormatException e) {
            System.err.println("Train: a malformed number: TOTAL_STEPS " + args[2] + " or among the options " + opt
                    + " (" + e.getMessage() + ")");
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("Train: bad option: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(Paths.get(args[0]), Paths.get(args[1]), totalSteps, options);
    }

    /**
     * Runs (or continues) training.
     *
     * @param shardDir folder of shard-L{lookahead}-*.bin files
     * @param work work folder (checkpoints, logs, export)
     * @param totalSteps stop when this many steps have been made in total
     * @param opt options (see class doc)
     * @return the number of steps done in total
     * @throws Exception on failure
     */
    public static int run(Path shardDir, Path work, int totalSteps, Map<String, String> opt) throws Exception {
        return run(shardDir, work, totalSteps, TrainOptions.parse(opt));
    }

    /**
     * Runs (or continues) training with options already parsed.
     *
     * @param shardDir folder of shard-L{lookahead}-*.bin files
     * @param work work folder (checkpoints, logs, export)
     * @param totalSteps stop when this many steps have been made in total
     * @param o the options
     * @return the number of steps done in total
     * @throws Exception on failure
     */
    static int run(Path shardDir, Path work, int totalSteps, TrainOptions o) throws Exception {
        Files.createDirectories(work);
        List<Path> shards = listShards(shardDir, o.lookahead());
        if (shards.isEmpty()) {
            throw new IOException("no shard-L" + o.lookahead() + "-*.bin in " + shardDir);
        }
        float[][] norm = normalisation(work.resolve("norm.bin"), shards, o.inputs());
        ResumeState resume = ResumeState.read(work);
        int step = resume.step();
        // rows a stopped run logged past its last checkpoint: those steps are trained again
        StepLogs.dropAfter(work.resolve("loss.csv"), step);
        StepLogs.dropAfter(work.resolve("dev.csv"), step);
        int gru = o.gru() > 0 ? o.gru() : resume.gru();
        QuellNet net = new QuellNet(o.lookahead(), o.inputs(), gru, o.loss().snr() > 0f);
        try (Model model = Model.newInstance("quell")) {
            model.setBlock(net);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(new EnhancerLoss(o.loss()))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate(o, totalSteps - step))
                            .optClipGrad(1f).build());
            ShardReader.Shard first = ShardReader.read(shards.get(0));
            int frames = first.frames();
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(o.batch(), frames, o.inputs()));
                Path ckpt = work.resolve("checkpoint.params");
                List<Path> sources = !o.average().isEmpty() ? o.average()
                        : Files.exists(ckpt) ? List.of(ckpt) : List.of();
                int averaged = sources.size() > 1 ? sources.size() : 0;
                if (!sources.isEmpty()) {
                    CheckpointLoader.load(net, model, sources, new Shape(o.batch(), frames, resume.inputs()),
                            resume.inputs(), resume.gru(), resume.snr());
                    System.out.println((averaged > 0 ? "averaged " + averaged + " checkpoints" : "resumed")
                            + " at step " + step + (resume.inputs() != o.inputs()
                            ? ", input widened from " + resume.inputs() + " to " + o.inputs() + " features" : "")
                            + (resume.gru() != gru ? ", GRUs widened from " + resume.gru() + " to " + gru : ""));
                }
                List<NDList[]> dev = o.dev() != null
                        ? DevSet.load(o.dev(), o.lookahead(), norm, trainer.getManager()) : List.of();
                TrainingLoop loop = new TrainingLoop(net, trainer, o, shardDir, work, norm, shards, averaged, dev);
                step = loop.run(step, totalSteps);
                checkpoint(net, work, step, norm, loop.shardCount(), o.lookahead(), averaged);
                if (o.golden() != null) {
                    writeGoldens(o, net, trainer, first, norm);
                }
            }
        }
        return step;
    }

    /** The full look-ahead's golden file to the named file, each reduced one's to NAME-L&lt;frames&gt;. */
    private static void writeGoldens(TrainOptions o, QuellNet net, Trainer trainer, ShardReader.Shard shard,
                                     float[][] norm) throws IOException {
        for (int la = 0; la <= o.lookahead(); la++) {
            net.setActiveLookahead(la);
            String name = o.golden() + (la == o.lookahead() ? "" : "-L" + la);
            Golden.write(Paths.get(name), net, trainer.getManager(), shard, norm);
        }
        net.setActiveLookahead(o.lookahead());
    }

    /**
     * The learning rate of a run over its optimizer updates: fixed at {@code lr}, or, with
     * {@code lrfinal} below it, falling from {@code lr} at the run's first update to {@code lrfinal}
     * at its last by half a cosine (cosine annealing without restarts, Loshchilov and Hutter,
     * "SGDR", ICLR 2017, eq. 5), then staying there. A resumed run starts the curve again at
     * {@code lr}, as it starts Adam's moments afresh.
     *
     * @param o the options (lr, lrfinal)
     * @param updates updates the run will make (TOTAL_STEPS less the step it resumes at); at most 0
     *     means none, and the rate is {@code lrfinal} throughout
     * @return the rate per update count, as Adam asks for it
     */
    static Tracker learningRate(TrainOptions o, int updates) {
        if (o.lrFinal() == o.lr()) {
            return Tracker.fixed(o.lr());
        }
        if (updates <= 0) {
            return Tracker.fixed(o.lrFinal());
        }
        return Tracker.cosine().setBaseValue(o.lr()).optFinalValue(o.lrFinal()).setMaxUpdates(updates).build();
    }

    /**
     * One batch of random examples of a shard: normalised features, and labels gains, strengths,
     * mask and (when {@code energies} is given, from {@link #bandEnergies}) the noisy band
     * energies of each target frame, for the signal-domain loss term. When {@code snr} is given,
     * examples whose estimated SNR is above {@code maxSnr} are kept only with probability
     * {@link #HIGH_SNR_KEEP} (redrawn otherwise). When {@code level} is given, each example is
     * first shifted by a gain drawn from {@code levelRng}. When {@code energies} and {@code
     * pauseFactors} or {@code speechFactors} (one per example of the shard, {@link
     * LoudMusicFactor#factors}) are given, a fifth label [batch] holds the drawn examples' factors
     * of the pause term and a sixth those of the over-attenuation and weak-speech terms (1 where
     * the array is null).
     */
    static NDList[] batch(NDManager m, ShardReader.Shard s, int batch, Random rng, float[][] norm,
            float[] energies, double[] snr, double maxSnr, LevelShift level, Random levelRng,
            float[] pauseFactors, float[] speechFactors) {
        int t = s.frames();
        int nf = s.featureCount();
        int nb = s.bands();
        int ni = norm[0].length; // model inputs per frame
        float[] x = new float[batch * t * ni];
        float[] raw = new float[t * nf];
        float[] in = new float[t * ni];
        float[] g = new float[batch * t * nb];
        float[] r = new float[batch * t * nb];
        float[] k = new float[batch * t * nb];
        float[] w = energies != null ? new float[batch * t * nb] : null;
        boolean factors = energies != null && (pauseFactors != null || speechFactors != null);
        float[] pf = factors ? new float[batch] : null;
        float[] sf = factors ? new float[batch] : null;
        for (int i = 0; i < batch; i++) {
            int e = rng.nextInt(s.examples());
            while (snr != null && snr[e] > maxSnr && rng.nextDouble() >= HIGH_SNR_KEEP) {
                e = rng.nextInt(s.examples());
            }
            if (level == null) {
                System.arraycopy(s.features(), e * t * nf, raw, 0, t * nf);
            } else {
                level.apply(s.features(), e * t * nf, t, nf, level.draw(levelRng), raw, 0);
            }
            NetworkInputs.extend(raw, 0, t, ni, in, 0);
            FeatureNorm.apply(in, 0, t * ni, norm, x, i * t * ni);
            System.arraycopy(s.gains(), e * t * nb, g, i * t * nb, t * nb);
            System.arraycopy(s.strengths(), e * t * nb, r, i * t * nb, t * nb);
            System.arraycopy(s.mask(), e * t * nb, k, i * t * nb, t * nb);
            if (w != null) {
                System.arraycopy(energies, e * t * nb, w, i * t * nb, t * nb);
            }
            if (factors) {
                pf[i] = pauseFactors == null ? 1f : pauseFactors[e];
                sf[i] = speechFactors == null ? 1f : speechFactors[e];
            }
        }
        Shape fs = new Shape(batch, t, ni);
        Shape bs = new Shape(batch, t, nb);
        NDList labels = new NDList(m.create(g, bs), m.create(r, bs), m.create(k, bs));
        if (w != null) {
            labels.add(m.create(w, bs));
        }
        if (factors) {
            labels.add(m.create(pf, new Shape(batch)));
            labels.add(m.create(sf, new Shape(batch)));
        }
        return new NDList[] {new NDList(m.create(x, fs)), labels};
    }

    /** Share of the examples above {@code maxsnr} that are kept. */
    static final double HIGH_SNR_KEEP = 0.25;

    /**
     * Input SNR of each example of a shard estimated from its targets: speech energy Σ m g² E_y
     * against noise energy Σ m (1 - g²) E_y over all frames and unmasked bands (g = the target
     * gain, E_y = the noisy band energy from the features). It reads a little low (measured
     * 1.6-2.3 dB below the mixing SNR on a harmonic signal in white noise at -5, 5 and 15 dB), and
     * whole-file, so speech pauses count as noise.
     *
     * @param s the shard
     * @param energies its band energies, from {@link #bandEnergies}
     * @return dB per example (+Infinity for speech-only examples, -Infinity for noise-only ones)
     */
    static double[] estimatedSnrDb(ShardReader.Shard s, float[] energies) {
        int t = s.frames();
        int nb = s.bands();
        double[] out = new double[s.examples()];
        for (int e = 0; e < out.length; e++) {
            double speech = 0;
            double noise = 0;
            for (int f = 0; f < t; f++) {
                for (int b = 0; b < nb; b++) {
                    int i = (e * t + f) * nb + b;
                    double energy = energies[i];
                    double g2 = (double) s.gains()[i] * s.gains()[i];
                    speech += s.mask()[i] * g2 * energy;
                    noise += s.mask()[i] * (1 - g2) * energy;
                }
            }
            out[e] = 10 * Math.log10(speech / noise);
        }
        return out;
    }

    /**
     * The noisy band energies of every example, frame and band of a shard, decoded from the log
     * energies of the features: E_b = max(0, 10^feature - {@link Features#ENERGY_FLOOR}).
     *
     * @return (examples, frames, bands) flattened, the layout of the shard's gains
     */
    static float[] bandEnergies(ShardReader.Shard s) {
        int nf = s.featureCount();
        int nb = s.bands();
        float[] out = new float[s.examples() * s.frames() * nb];
        for (int row = 0; row < out.length / nb; row++) {
            for (int b = 0; b < nb; b++) {
                double level = s.features()[row * nf + Features.ENERGY + b];
                out[row * nb + b] = (float) Math.max(0, Math.pow(10, level) - Features.ENERGY_FLOOR);
            }
        }
        return out;
    }

    static void checkpoint(QuellNet net, Path work, int step, float[][] norm, int shards, int lookahead,
            int averaged) throws IOException {
        AtomicFiles.write(work.resolve("checkpoint.params"), raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            net.saveParameters(out);
            out.flush();
        });
        new ResumeState(step, net.featureCount(), net.gruSize(), net.hasSnrHead()).write(work);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("trainer", "dev.quell.train.Train (DJL 0.32.0, PyTorch 2.5.1)");
        prov.put("steps", step);
        prov.put("shards", shards);
        prov.put("lookahead_frames", lookahead);
        if (averaged > 0) {
            prov.put("averaged_checkpoints", averaged);
        }
        Exporter.export(net, norm[0], norm[1], prov, work.resolve("model.qnn"));
    }

    /**
     * The shard files of one look-ahead in a folder, sorted by name.
     *
     * @param shardDir the folder
     * @param lookahead look-ahead in frames the shards were made for
     * @return {@code shard-L<lookahead>-<index>.bin} files; a file still being written (AtomicFiles
     *     gives it another name until it is complete) is not listed
     * @throws IOException if the folder cannot be read
     */
    static List<Path> listShards(Path shardDir, int lookahead) throws IOException {
        try (Stream<Path> s = Files.list(shardDir)) {
            return s.filter(p -> p.getFileName().toString().matches("shard-L" + lookahead + "-\\d+\\.bin"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /**
     * Per-feature mean and standard deviation over up to four shards, cached in {@code file}. A
     * cached file of a shorter {@link NetworkInputs} layout is kept as it is and extended with the
     * statistics of the new inputs (so a model widened from a checkpoint with fewer inputs sees its
     * old inputs normalised as before).
     */
    private static float[][] normalisation(Path file, List<Path> shards, int nf) throws IOException {
        float[][] cached = null;
        if (Files.exists(file)) {
            int stored = (int) (Files.size(file) / 8);
            if (stored != nf && !(stored < nf && NetworkInputs.supports(stored))) {
                throw new IOException(file + ": normalisation of " + stored + " features, the model takes " + nf);
            }
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                cached = new float[2][stored];
                for (int i = 0; i < 2 * stored; i++) {
                    cached[i / stored][i % stored] = in.readFloat();
                }
            }
            if (stored == nf) {
                return cached;
            }
        }
        double[] sum = new double[nf];
        double[] sq = new double[nf];
        long count = 0;
        for (Path p : shards.subList(0, Math.min(4, shards.size()))) {
            ShardReader.Shard s = ShardReader.read(p);
            float[] values = modelInputs(s, nf);
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                sum[i % nf] += v;
                sq[i % nf] += v * v;
            }
            count += values.length / nf;
        }
        float[][] n = new float[2][nf];
        for (int f = 0; f < nf; f++) {
            double mean = sum[f] / count;
            n[0][f] = (float) mean;
            n[1][f] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[f] / count - mean * mean)));
        }
        if (cached != null) {
            System.arraycopy(cached[0], 0, n[0], 0, cached[0].length);
            System.arraycopy(cached[1], 0, n[1], 0, cached[1].length);
        }
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            for (int i = 0; i < 2 * nf; i++) {
                out.writeFloat(n[i / nf][i % nf]);
            }
            out.flush();
        });
        return n;
    }

    /**
     * The raw (unnormalised) network inputs of every example of a shard.
     *
     * @param s the shard (70 features per frame)
     * @param nf the model's input count, a {@link NetworkInputs} layout, whose trackers start at
     *     each example's first frame
     * @return examples × frames × nf values
     */
    static float[] modelInputs(ShardReader.Shard s, int nf) {
        int t = s.frames();
        float[] out = new float[s.examples() * t * nf];
        for (int e = 0; e < s.examples(); e++) {
            NetworkInputs.extend(s.features(), e * t * s.featureCount(), t, nf, out, e * t * nf);
        }
        return out;
    }
}
