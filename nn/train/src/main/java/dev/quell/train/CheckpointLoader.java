package dev.quell.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the starting weights of a {@link Train} run into an initialised network: one checkpoint
 * (resume) or the element-wise mean of several (checkpoint averaging, as in stochastic weight
 * averaging, Izmailov et al. 2018), each widened first when the run asks for more inputs or wider
 * GRUs than the checkpoint has ({@link Widening}).
 */
final class CheckpointLoader {
    /** Seed of the new units' input weights: the same for every source, so averaged sources agree. */
    private static final long WIDENING_SEED = 20_261_130L;

    private CheckpointLoader() {
    }

    /**
     * Sets the parameters of {@code net} to the mean of the sources'.
     *
     * <p>The values are copied into the live arrays in place: the trainer keeps references to the
     * arrays it initialised (replacing them via loadParameters silently stopped all learning after
     * a resume).
     *
     * @param net the initialised network of the run
     * @param model the model holding it (its manager hosts the scratch copies)
     * @param sources checkpoint files, at least one
     * @param inputShape (batch, frames, inputs of the checkpoints)
     * @param resumeInputs input count of the checkpoints
     * @param resumeGru GRU size of the checkpoints
     * @param resumeSnr whether the checkpoints have the SNR head ({@link FrameSnr}); its parameters
     *     come last, so a network with the head keeps its initial head when the checkpoints have
     *     none, and a network without it ignores theirs
     * @throws IOException if a source cannot be read or does not match the architecture
     */
    static void load(QuellNet net, Model model, List<Path> sources, Shape inputShape, int resumeInputs, int resumeGru,
                     boolean resumeSnr) throws IOException {
        var target = net.getParameters();
        float[][] sum = new float[target.size()][];
        for (Path source : sources) {
            try (NDManager scratch = model.getNDManager().newSubManager();
                 DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source)))) {
                QuellNet loaded = new QuellNet(net.lookahead(), resumeInputs, resumeGru, resumeSnr);
                Widening widening = new Widening(resumeGru, net.gruSize(), WIDENING_SEED);
                loaded.initialize(scratch, DataType.FLOAT32, inputShape);
                try {
                    loaded.loadParameters(scratch, in);
                } catch (ai.djl.MalformedModelException e) {
                    throw new IOException(source + ": not a checkpoint of this network (" + e.getMessage() + ")", e);
                }
                var values = loaded.getParameters();
                for (int i = 0; i < Math.min(target.size(), values.size()); i++) {
                    if (!target.keyAt(i).equals(values.keyAt(i))) {
                        throw new IOException(source + ": parameter " + values.keyAt(i) + " where "
                                + target.keyAt(i) + " was expected");
                    }
                    float[] v = widening.apply(target.keyAt(i), values.valueAt(i).getArray().toFloatArray(),
                            values.valueAt(i).getArray().getShape(), target.valueAt(i).getArray().getShape(), source);
                    if (sum[i] == null) {
                        sum[i] = v;
                    } else {
                        for (int j = 0; j < v.length; j++) {
                            sum[i][j] += v[j];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < target.size(); i++) {
            if (sum[i] == null) {
                continue; // the SNR head of a network resumed from checkpoints without one
            }
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] /= sources.size();
            }
            target.valueAt(i).getArray().set(sum[i]);
        }
    }
}
