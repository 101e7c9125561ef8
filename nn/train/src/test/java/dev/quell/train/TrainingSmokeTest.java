package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.nn.Model;
import dev.quell.nn.ModelFile;
import dev.quell.nn.ModelState;
import dev.quell.nn.Precision;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training smoke test (tag "slow": runs with -Pall-tests, as CI does): a tiny generated shard,
 * a few steps, a checkpoint, a resume, the export, and the runtime reproducing DJL's forward
 * pass of the exported network within 1e-4.
 */
@Tag("slow")
class TrainingSmokeTest {
    @TempDir
    Path dir;

    private static float[] voiceInNoise(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double f0 = 100 + 150 * r.nextDouble();
        for (int i = 0; i < n; i++) {
            double env = Math.max(0, Math.sin(2 * Math.PI * 3 * i / 48_000.0));
            double v = 0;
            for (int h = 1; h < 15; h++) {
                v += Math.sin(2 * Math.PI * h * f0 * i / 48_000.0) / h;
            }
            x[i] = (float) (0.05 * env * v);
        }
        return x;
    }

    @Test
    void trainsCheckpointsResumesExportsAndTheRuntimeMatchesDjl() throws Exception {
        int n = 48_000;
        List<TargetExtractor.Frames> examples = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            float[] clean = voiceInNoise(e, n);
            float[] noisy = clean.clone();
            Random r = new Random(100 + e);
            for (int i = 0; i < n; i++) {
                noisy[i] += (float) (0.02 * r.nextGaussian());
            }
            examples.add(TargetExtractor.extract(clean, noisy, 24_000, 2));
        }
        Path shards = dir.resolve("shards");
        Files.createDirectories(shards);
        ShardWriter.write(shards.resolve("shard-L2-00000.bin"), examples, 2);
        Path devDir = dir.resolve("dev");
        float[] devClean = voiceInNoise(9, n);
        float[] devNoisy = devClean.clone();
        for (int i = 0; i < n; i++) {
            devNoisy[i] += (float) (0.02 * Math.sin(i * 0.37));
        }
        dev.quell.dsp.io.WavWriter.write(devDir.resolve("clean/a.wav"), new dev.quell.dsp.io.AudioData(48_000,
                new float[][] {devClean}, dev.quell.dsp.io.SampleFormat.FLOAT_32), dev.quell.dsp.io.SampleFormat.FLOAT_32);
        dev.quell.dsp.io.WavWriter.write(devDir.resolve("noisy/a.wav"), new dev.quell.dsp.io.AudioData(48_000,
                new float[][] {devNoisy}, dev.quell.dsp.io.SampleFormat.FLOAT_32), dev.quell.dsp.io.SampleFormat.FLOAT_32);
        Path work = dir.resolve("work");
        Map<String, String> opt = Map.of("batch", "2", "checkpoint", "1", "lookahead", "2", "dev", devDir.toString());
        assertEquals(4, Train.run(shards, work, 4, opt));
        List<String> log1 = Files.readAllLines(work.resolve("state.properties"));
        assertTrue(log1.contains("step=4"), log1.toString());
        Path ckpt4 = Files.copy(work.resolve("checkpoint.params"), dir.resolve("ckpt4.params"));
        Path model4 = Files.copy(work.resolve("model.qnn"), dir.resolve("model4.qnn"));
        Path golden = dir.resolve("golden.bin");
        java.util.HashMap<String, String> opt2 = new java.util.HashMap<>(opt);
        opt2.put("golden", golden.toString());
        opt2.put("mixlookahead", "true");
        opt2.put("sdr", "0.05"); // the resumed part also exercises the signal-domain loss term
        opt2.put("keep", "6"); // and keeps the checkpoints of steps 6 and 7
        opt2.put("maxsnr", "10"); // and draws high-SNR examples less often
        assertEquals(7, Train.run(shards, work, 7, opt2)); // resumes from step 4
        assertTrue(Files.readString(work.resolve("state.properties")).contains("step=7"));
        assertTrue(Files.exists(work.resolve("ckpt-6.params")) && !Files.exists(work.resolve("ckpt-5.params")));
        assertEquals(-1, Files.mismatch(work.resolve("ckpt-7.params"), work.resolve("checkpoint.params")));
        List<String> devLog = Files.readAllLines(work.resolve("dev.csv"));
        // one dev line per checkpoint (steps 1..7); after the resume at step 4 the parameters must
        // keep changing (a resume that silently stopped learning gave 4 identical values here)
        assertEquals(8, devLog.size(), devLog.toString());
        long distinctAfterResume = devLog.subList(4, 8).stream().map(l -> l.split(",")[1]).distinct().count();
        assertEquals(4, distinctAfterResume, devLog.toString());

        // checkpoint averaging: the export of the mean of steps 4 and 7 holds the mean tensors
        Path avgWork = Files.createDirectories(dir.resolve("avg"));
        Files.copy(work.resolve("norm.bin"), avgWork.resolve("norm.bin"));
        Files.copy(work.resolve("state.properties"), avgWork.resolve("state.properties"));
        java.util.HashMap<String, String> opt3 = new java.util.HashMap<>(opt);
        opt3.remove("dev");
        opt3.put("average", ckpt4 + "," + work.resolve("checkpoint.params"));
        assertEquals(7, Train.run(shards, avgWork, 7, opt3));
        float[] a = tensorData(model4);
        float[] b = tensorData(work.resolve("model.qnn"));
        float[] mean = tensorData(avgWork.resolve("model.qnn"));
        assertEquals(a.length, mean.length);
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(0.5 * (a[i] + b[i]), mean[i], 1e-6 + 1e-6 * Math.abs(mean[i]), "tensor value " + i);
            moved = Math.max(moved, Math.abs(a[i] - b[i]));
        }
        assertTrue(moved > 0, "steps 4 and 7 must differ for the check to mean anything");
        assertTrue(new String(Files.readAllBytes(avgWork.resolve("model.qnn")), java.nio.charset.StandardCharsets.UTF_8)
                .matches("(?s).*\"averaged_checkpoints\"\\s*:\\s*2.*"), "provenance names the averaging");
        // the same weights export to the same bytes (header key order included, so the checksum too)
        Path again = Files.createDirectories(dir.resolve("avg-again"));
        Files.copy(work.resolve("norm.bin"), again.resolve("norm.bin"));
        Files.copy(work.resolve("state.properties"), again.resolve("state.properties"));
        assertEquals(7, Train.run(shards, again, 7, opt3));
        assertEquals(-1, Files.mismatch(avgWork.resolve("model.qnn"), again.resolve("model.qnn")),
                "two exports of the same averaged weights differ");

        Model model = ModelFile.read(work.resolve("model.qnn"), Precision.FLOAT32);
        assertEquals(2, model.lookahead());
        assertTrue(model.parameterCount() > 1_000_000, "parameters " + model.parameterCount());
        for (int la = 0; la <= 2; la++) {
            Path file = la == 2 ? golden : Path.of(golden + "-L" + la);
            Model m = ModelFile.read(work.resolve("model.qnn"), Precision.FLOAT32, la);
            double worst = worstDifference(m, file);
            System.out.printf("runtime vs DJL forward pass, look-ahead %d: worst difference %.2e%n", la, worst);
            assertTrue(worst < 1e-4, "runtime vs DJL at look-ahead " + la + ": " + worst);
        }

        // the SNR head (an extra objective): a checkpoint without it resumes with it, the head's
        // checkpoint resumes again, and the export is the runtime network without the head
        Path withSnr = runFolderFrom(work, "snr");
        java.util.HashMap<String, String> optSnr = new java.util.HashMap<>(opt);
        optSnr.remove("dev");
        optSnr.put("sdr", "0.05");
        optSnr.put("snr", "0.5");
        assertEquals(8, Train.run(shards, withSnr, 8, optSnr));
        assertTrue(Files.readString(withSnr.resolve("state.properties")).contains("snr=true"));
        assertEquals(9, Train.run(shards, withSnr, 9, optSnr));
        Model headless = ModelFile.read(withSnr.resolve("model.qnn"), Precision.FLOAT32);
        assertEquals(model.parameterCount(), headless.parameterCount(), "the export leaves the SNR head out");
        optSnr.remove("snr"); // and a run without the head resumes from the head's checkpoint
        assertEquals(10, Train.run(shards, withSnr, 10, optSnr));
        assertTrue(Files.readString(withSnr.resolve("state.properties")).contains("snr=false"));

        // noise-floor inputs: widening the step-7 checkpoint to 104 inputs changes nothing until
        // training moves the new weights; then it trains, resumes and matches the runtime
        Path wide = runFolderFrom(work, "wide");
        java.util.HashMap<String, String> opt4 = new java.util.HashMap<>(opt);
        opt4.remove("dev");
        opt4.put("noisefloor", "true");
        Model widened = widenedExport(shards, wide, 7, opt4, dev.quell.dsp.NetworkInputs.WITH_NOISE_FLOOR, golden);
        Path wideGolden = dir.resolve("wide-golden.bin");
        opt4.put("golden", wideGolden.toString());
        opt4.put("level", "-10,10");
        assertEquals(9, Train.run(shards, wide, 9, opt4));
        assertEquals(10, Train.run(shards, wide, 10, opt4)); // resumes a 104-input checkpoint
        double worstWide = worstDifference(ModelFile.read(wide.resolve("model.qnn"), Precision.FLOAT32), wideGolden, false);
        System.out.printf("runtime vs DJL with noise-floor inputs: worst difference %.2e%n", worstWide);
        assertTrue(worstWide < 1e-4, "runtime vs DJL with noise-floor inputs: " + worstWide);
        double changed = worstDifference(ModelFile.read(wide.resolve("model.qnn"), Precision.FLOAT32), golden, true);
        assertTrue(changed > 1e-6, "training must change the widened model's outputs: " + changed);

        // wider GRUs: the step-10 checkpoint (104 inputs, H 256) widened to H 288 computes the same
        // outputs; one step later it has learnt, resumes with its recorded size, and the runtime
        // matches DJL
        Path wider = runFolderFrom(wide, "wider");
        java.util.HashMap<String, String> opt5 = new java.util.HashMap<>(opt4);
        opt5.put("gru", "288");
        opt5.remove("golden");
        assertEquals(10, Train.run(shards, wider, 10, opt5)); // no step: the widened export only
        Model grown = ModelFile.read(wider.resolve("model.qnn"), Precision.FLOAT32);
        assertTrue(grown.parameterCount() > widened.parameterCount(), "more parameters after widening");
        assertTrue(Files.readString(wider.resolve("state.properties")).contains("gru=288"));
        double sameGrown = worstDifference(grown, wideGolden, false);
        System.out.printf("GRUs widened to 288 vs the 256 DJL forward pass: worst difference %.2e%n", sameGrown);
        assertTrue(sameGrown < 1e-4, "the widened GRUs must compute what the checkpoint did: " + sameGrown);
        opt5.remove("gru"); // resumes with the size in state.properties
        Path grownGolden = dir.resolve("grown-golden.bin");
        opt5.put("golden", grownGolden.toString());
        assertEquals(11, Train.run(shards, wider, 11, opt5));
        double worstGrown = worstDifference(ModelFile.read(wider.resolve("model.qnn"), Precision.FLOAT32), grownGolden, false);
        System.out.printf("runtime vs DJL with GRUs of 288: worst difference %.2e%n", worstGrown);
        assertTrue(worstGrown < 1e-4, "runtime vs DJL with wider GRUs: " + worstGrown);
        double movedGrown = worstDifference(ModelFile.read(wider.resolve("model.qnn"), Precision.FLOAT32), wideGolden, false);
        assertTrue(movedGrown > 1e-6, "training must change the widened model's outputs: " + movedGrown);

        // modulation inputs: the step-10 checkpoint of 104 inputs widened to 138 computes the same
        // outputs; one step later it has learnt and the runtime matches DJL
        Path modulated = runFolderFrom(wide, "modulated");
        java.util.HashMap<String, String> opt6 = new java.util.HashMap<>(opt4);
        opt6.put("modulation", "true");
        opt6.remove("golden");
        widenedExport(shards, modulated, 10, opt6, dev.quell.dsp.NetworkInputs.WITH_MODULATION, wideGolden);
        Path modulatedGolden = dir.resolve("modulated-golden.bin");
        opt6.put("golden", modulatedGolden.toString());
        assertEquals(11, Train.run(shards, modulated, 11, opt6));
        Model trainedModulated = ModelFile.read(modulated.resolve("model.qnn"), Precision.FLOAT32);
        double worstModulated = worstDifference(trainedModulated, modulatedGolden, false);
        System.out.printf("runtime vs DJL with modulation inputs: worst difference %.2e%n", worstModulated);
        assertTrue(worstModulated < 1e-4, "runtime vs DJL with modulation inputs: " + worstModulated);
        double movedModulated = worstDifference(trainedModulated, wideGolden, true);
        assertTrue(movedModulated > 1e-6, "training must change the widened model's outputs: " + movedModulated);
    }

    /**
     * Runs to the checkpoint's own step (no training step: the widened export only) with options
     * that ask for more inputs, and checks the export: its input count, the recorded state, the
     * extended normalisation, and outputs equal to the checkpoint's DJL forward pass.
     *
     * @return the exported widened model
     */
    private static Model widenedExport(Path shards, Path run, int step, java.util.Map<String, String> opt, int inputs,
                                       Path golden) throws Exception {
        assertEquals(step, Train.run(shards, run, step, opt));
        Model widened = ModelFile.read(run.resolve("model.qnn"), Precision.FLOAT32);
        assertEquals(inputs, widened.inputSize());
        assertTrue(Files.readString(run.resolve("state.properties")).contains("features=" + inputs));
        assertEquals(8L * inputs, Files.size(run.resolve("norm.bin")));
        double same = worstDifference(widened, golden, true);
        System.out.printf("model widened to %d inputs vs the checkpoint's DJL forward pass: worst difference %.2e%n",
                inputs, same);
        assertTrue(same < 1e-4, "the model widened to " + inputs + " inputs must compute what the checkpoint did: " + same);
        return widened;
    }

    /** @return a new run folder named name holding a copy of run's checkpoint, normalisation and state */
    private Path runFolderFrom(Path run, String name) throws java.io.IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"checkpoint.params", "norm.bin", "state.properties"}) {
            Files.copy(run.resolve(f), to.resolve(f));
        }
        return to;
    }

    /** @return every tensor value of a model file (the float32 data between header and checksum) */
    private static float[] tensorData(Path qnn) throws java.io.IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(qnn)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int header = b.getInt(12);
        int from = 16 + header;
        float[] v = new float[(b.capacity() - 4 - from) / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat(from + 4 * i);
        }
        return v;
    }

    private static double worstDifference(Model model, Path golden) throws java.io.IOException {
        return worstDifference(model, golden, false);
    }

    /**
     * @param extend compute the model's inputs from the golden file's first 70 features (a golden
     *     of fewer inputs run through a widened model)
     */
    private static double worstDifference(Model model, Path golden, boolean extend) throws java.io.IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(golden))) {
            int t = in.readInt();
            int nf = in.readInt();
            int nb = in.readInt();
            float[][] x = new float[t][nf];
            float[][] g = new float[t][nb];
            float[][] r = new float[t][nb];
            for (float[] row : x) {
                for (int i = 0; i < nf; i++) {
                    row[i] = in.readFloat();
                }
            }
            for (float[][] m : new float[][][] {g, r}) {
                for (float[] row : m) {
                    for (int i = 0; i < nb; i++) {
                        row[i] = in.readFloat();
                    }
                }
            }
            if (extend) {
                dev.quell.dsp.NetworkInputs inputs = new dev.quell.dsp.NetworkInputs(model.inputSize());
                for (int i = 0; i < t; i++) {
                    x[i] = inputs.update(x[i]).clone();
                }
            }
            ModelState state = model.newState();
            float[] go = new float[nb];
            float[] ro = new float[nb];
            double worst = 0;
            for (int step = 0; step < t; step++) {
                state.infer(x[step], go, ro);
                int frame = step - model.lookahead();
                if (frame < 0) {
                    continue;
                }
                for (int b = 0; b < nb; b++) {
                    worst = Math.max(worst, Math.abs(go[b] - g[frame][b]));
                    worst = Math.max(worst, Math.abs(ro[b] - r[frame][b]));
                }
            }
            return worst;
        }
    }
}
