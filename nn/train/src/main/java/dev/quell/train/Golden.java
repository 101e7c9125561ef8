package dev.quell.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.quell.dsp.NetworkInputs;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden sequence for the runtime test: raw features of one example (the network's inputs: with
 * the noise-floor features appended when the network takes them) and DJL's outputs for them.
 * Layout (big-endian): int frames, int features, int bands, then frames*features raw features,
 * frames*bands gains, frames*bands strengths. Output frame s of DJL (padded, whole-sequence)
 * equals the runtime's output emitted when frame s + look-ahead arrives.
 */
public final class Golden {
    private Golden() {
    }

    /**
     * @param file destination
     * @param net trained network
     * @param manager NDManager to run on
     * @param shard shard whose first example is recorded
     * @param norm feature mean/std
     * @throws IOException if writing fails
     */
    public static void write(Path file, QuellNet net, NDManager manager, ShardReader.Shard shard, float[][] norm)
            throws IOException {
        int t = Math.min(shard.frames(), 200);
        int nf = net.featureCount();
        int nb = shard.bands();
        float[] raw = new float[t * nf];
        NetworkInputs.extend(shard.features(), 0, t, nf, raw, 0);
        float[] x = new float[t * nf];
        FeatureNorm.apply(raw, 0, x.length, norm, x, 0);
        try (NDManager m = manager.newSubManager()) {
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(1, t, nf))), false);
            float[] g = out.get(0).toFloatArray();
            float[] r = out.get(1).toFloatArray();
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                o.writeInt(t);
                o.writeInt(nf);
                o.writeInt(nb);
                for (float v : raw) {
                    o.writeFloat(v);
                }
                for (float v : g) {
                    o.writeFloat(v);
                }
                for (float v : r) {
                    o.writeFloat(v);
                }
            }
        }
    }
}
