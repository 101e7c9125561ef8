package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import dev.quell.dsp.Features;
import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.NetworkInputs;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.resample.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The held-out dev pairs as loss inputs: features and oracle targets of every clean/noisy pair
 * (same extraction as training), for a validation loss logged during training. Quality
 * metrics (SI-SDR, STOI) come from {@code quell eval} on the exported model.
 */
public final class DevSet {
    private DevSet() {
    }

    /**
     * @param pairs folder with clean/ and noisy/ files of the same names
     * @param lookahead target look-ahead
     * @param norm feature mean/std
     * @param manager where the arrays live (kept for the whole run)
     * @return per pair {features (1,T,70, 104 or 138, as many as norm has)}, {gains, strengths, mask (1,T,34)}
     * @throws IOException if a file cannot be read
     */
    public static List<NDList[]> load(Path pairs, int lookahead, float[][] norm, NDManager manager) throws IOException {
        List<NDList[]> out = new ArrayList<>();
        List<Path> names;
        try (Stream<Path> s = Files.list(pairs.resolve("noisy"))) {
            names = s.sorted().toList();
        }
        for (Path noisyFile : names) {
            Path cleanFile = pairs.resolve("clean").resolve(noisyFile.getFileName());
            if (!Files.exists(cleanFile)) {
                continue;
            }
            AudioData c = AudioReader.read(cleanFile);
            AudioData n = AudioReader.read(noisyFile);
            float[] c48 = Resampler.resample(c.mono(), c.sampleRate(), FrameFormat.SAMPLE_RATE);
            float[] n48 = Resampler.resample(n.mono(), n.sampleRate(), FrameFormat.SAMPLE_RATE);
            TargetExtractor.Frames f = TargetExtractor.extract(c48, n48, c.sampleRate() / 2.0, lookahead);
            int t = f.features().length;
            int nf = Features.COUNT;
            int ni = norm[0].length; // model inputs: 70, 104 or 138 (NetworkInputs)
            float[] raw = new float[t * nf];
            float[] x = new float[t * ni];
            float[] g = new float[t * 34];
            float[] r = new float[t * 34];
            float[] m = new float[t * 34];
            for (int i = 0; i < t; i++) {
                System.arraycopy(f.features()[i], 0, raw, i * nf, nf);
            }
            float[] in = new float[t * ni];
            NetworkInputs.extend(raw, 0, t, ni, in, 0);
            FeatureNorm.apply(in, 0, in.length, norm, x, 0);
            for (int i = 0; i < t; i++) {
                System.arraycopy(f.gains()[i], 0, g, i * 34, 34);
                System.arraycopy(f.strengths()[i], 0, r, i * 34, 34);
                System.arraycopy(f.mask()[i], 0, m, i * 34, 34);
            }
            Shape fs = new Shape(1, t, ni);
            Shape bs = new Shape(1, t, 34);
            out.add(new NDList[] {new NDList(manager.create(x, fs)),
                new NDList(manager.create(g, bs), manager.create(r, bs), manager.create(m, bs))});
        }
        return out;
    }

    /**
     * @param net the network
     * @param trainer its trainer (for the loss)
     * @param dev loaded pairs
     * @return mean masked loss over the pairs
     */
    public static double loss(QuellNet net, Trainer trainer, List<NDList[]> dev) {
        return loss(net, trainer.getLoss(), trainer.getManager(), dev);
    }

    /**
     * The mean loss over the pairs, each evaluated in a sub-manager of {@code parent} to which its
     * arrays are attached for the time being. Why: DJL puts an operation's result in its first
     * operand's manager, and the dev arrays' manager lives for the whole run; without the
     * attachment every evaluation left its intermediate arrays there (about 250 MB of native
     * memory per checkpoint at 138 inputs, session 30).
     *
     * @param net the network
     * @param loss the loss
     * @param parent manager the per-pair sub-managers come from
     * @param dev loaded pairs; their arrays return to their own manager afterwards
     * @return mean loss over the pairs
     */
    static double loss(QuellNet net, ai.djl.training.loss.Loss loss, NDManager parent, List<NDList[]> dev) {
        double sum = 0;
        for (NDList[] p : dev) {
            try (NDManager m = parent.newSubManager()) {
                p[0].tempAttach(m);
                p[1].tempAttach(m);
                NDList pred = net.forward(new ParameterStore(m, false), p[0], false);
                NDArray l = loss.evaluate(p[1], pred);
                sum += l.getFloat();
            }
        }
        return sum / dev.size();
    }

    /**
     * Appends "step,dev_loss" to a CSV (with a header on first use).
     *
     * @param csv file
     * @param step training step
     * @param loss dev loss
     * @throws IOException if writing fails
     */
    public static void log(Path csv, int step, double loss) throws IOException {
        if (!Files.exists(csv)) {
            Files.writeString(csv, "step,dev_loss\n");
        }
        Files.writeString(csv, String.format(Locale.ROOT, "%d,%.6f%n", step, loss), StandardOpenOption.APPEND);
        System.out.printf(Locale.ROOT, "dev loss at step %d: %.6f%n", step, loss);
    }
}
