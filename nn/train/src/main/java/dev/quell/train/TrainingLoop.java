package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The step loop of {@link Train}: draws batches from the shard pool, steps the optimiser, logs the
 * training loss every 10 steps to {@code loss.csv}, and at every checkpoint saves, picks up shards
 * written meanwhile, keeps numbered copies and logs the dev loss.
 *
 * <p>The data order depends only on the step number and the pool: shard {@code Random(step / 4)},
 * examples from {@code Random(1_000_003 step + 17)}, level shifts from their own generator
 * {@code Random(7_000_003 step + 29)} (so the examples drawn are the same with and without level
 * shifts), and the look-ahead of a mixed-look-ahead batch from the example generator's first draw.
 */
final class TrainingLoop {
    private final QuellNet net;
    private final Trainer trainer;
    private final TrainOptions o;
    private final Path shardDir;
    private final Path work;
    private final float[][] norm;
    private final int averaged;
    private final List<NDList[]> dev;
    private List<Path> shards;
    private ShardReader.Shard shard;
    private int shardIndex = -1;
    private float[] energies; // noisy band energies of the shard, when the loss or the SNR filter needs them
    private float[] pauseFactors; // per example of the shard, with musicpause
    private float[] speechFactors; // per example of the shard, with musicspeech
    private double[] snr;
    private double lossSum;
    private int lossCount;

    TrainingLoop(QuellNet net, Trainer trainer, TrainOptions o, Path shardDir, Path work, float[][] norm,
                 List<Path> shards, int averaged, List<NDList[]> dev) {
        this.net = net;
        this.trainer = trainer;
        this.o = o;
        this.shardDir = shardDir;
        this.work = work;
        this.norm = norm;
        this.shards = shards;
        this.averaged = averaged;
        this.dev = dev;
    }

    /** @return the shard files in the pool now */
    int shardCount() {
        return shards.size();
    }

    /**
     * Trains from {@code step} until {@code totalSteps} or the time limit.
     *
     * @return the step reached
     * @throws IOException if a shard, checkpoint or log cannot be read or written
     */
    int run(int step, int totalSteps) throws IOException {
        long started = System.nanoTime();
        while (step < totalSteps && (System.nanoTime() - started) / 60e9 < o.minutes()) {
            trainStep(step);
            step++;
            if (step % 10 == 0) {
                logLoss(step, started);
            }
            net.setActiveLookahead(o.lookahead());
            if (step % o.every() == 0 || step == totalSteps) {
                atCheckpoint(step);
            }
        }
        return step;
    }

    private void trainStep(int step) throws IOException {
        Random rng = new Random(1_000_003L * step + 17);
        int want = new Random(step / 4).nextInt(shards.size());
        if (want != shardIndex) {
            shard = ShardReader.read(shards.get(want));
            shardIndex = want;
            energies = o.needsEnergies() ? Train.bandEnergies(shard) : null;
            snr = o.maxSnr() < Double.POSITIVE_INFINITY ? Train.estimatedSnrDb(shard, energies) : null;
            pauseFactors = LoudMusicFactor.factorsOrNull(o.musicPause(), shards.get(want), shard.examples());
            speechFactors = LoudMusicFactor.factorsOrNull(o.musicSpeech(), shards.get(want), shard.examples());
        }
        if (o.mixLookahead()) {
            // one model for every plugin setting: half the batches at the full look-ahead, a
            // quarter each with 1 and 0 frames (folded convolutions)
            int u = rng.nextInt(4);
            net.setActiveLookahead(u < 2 ? o.lookahead() : Math.max(0, o.lookahead() - (u == 2 ? 1 : 2)));
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            Random levelRng = o.level() == null ? null : new Random(7_000_003L * step + 29);
            NDList[] xy = Train.batch(m, shard, o.batch(), rng, norm, o.needsEnergyLabels() ? energies : null, snr,
                    o.maxSnr(), o.level(), levelRng, pauseFactors, speechFactors);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(xy[0]);
                NDArray loss = trainer.getLoss().evaluate(xy[1], pred);
                gc.backward(loss);
                lossSum += loss.getFloat();
                lossCount++;
            }
            trainer.step();
        }
    }

    private void logLoss(int step, long started) throws IOException {
        String line = String.format(Locale.ROOT, "%d,%.6f,%.1f%n", step, lossSum / lossCount,
                (System.nanoTime() - started) / 1e9);
        Path csv = work.resolve("loss.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, "step,train_loss,session_seconds\n");
        }
        Files.writeString(csv, line, StandardOpenOption.APPEND);
        System.out.print("step " + line);
        lossSum = 0;
        lossCount = 0;
    }

    private void atCheckpoint(int step) throws IOException {
        Train.checkpoint(net, work, step, norm, shards.size(), o.lookahead(), averaged);
        // shards written meanwhile (a generator running beside the training) join the pool
        // without a restart, which would reset Adam's moments
        List<Path> now = Train.listShards(shardDir, o.lookahead());
        if (now.size() > shards.size()) {
            System.out.println("shard pool: " + shards.size() + " -> " + now.size());
            shards = now;
            shardIndex = -1;
        }
        if (step >= o.keepFrom()) {
            AtomicFiles.write(work.resolve("ckpt-" + step + ".params"), Files.readAllBytes(work.resolve("checkpoint.params")));
        }
        if (!dev.isEmpty()) {
            DevSet.log(work.resolve("dev.csv"), step, DevSet.loss(net, trainer, dev));
        }
    }
}
