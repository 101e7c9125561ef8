package dev.quell.train;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A second dev set for model v2: the dev pairs' own noises on voices no model trained on. The dev
 * pairs ({@code ../shared/data/dev/pairs}) are RAVDESS actors 21-22 saying the two RAVDESS
 * sentences that actors 1-20 say in the training speech, so they reward a model that has seen much
 * RAVDESS; here the speech is the held-out Tux Paint voices ({@link HeldOutSet}, never in any
 * recipe's training speech) and the noise is each dev pair's noise (noisy minus clean, which the
 * pairs' additive mixing makes exact), so noise types and levels stay those of the dev set.
 *
 * <p>{@code UnseenVoicePairs HELD_OUT_DIR DEV_PAIRS_DIR OUT_DIR}: every clean utterance of
 * HELD_OUT_DIR at SNRs -5, 0, 5, 10, 15, 20 dB (power over the utterance), the k-th mixture taking
 * dev noise 7k modulo the number of pairs (looped to the utterance's length); both scaled by one
 * gain when the mixture would peak above 0.99. Writes {@code clean/}, {@code noisy/} (32-bit
 * float WAV, 48 kHz) and {@code list.csv} ({@code name,snr_db,noise}) for {@code quell eval}.
 * Deterministic.
 */
public final class UnseenVoicePairs {
    private static final int[] SNRS = {-5, 0, 5, 10, 15, 20};

    private UnseenVoicePairs() {
    }

    /**
     * @param args HELD_OUT_DIR DEV_PAIRS_DIR OUT_DIR
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: UnseenVoicePairs HELD_OUT_DIR DEV_PAIRS_DIR OUT_DIR");
            System.exit(2);
        }
        System.out.println(write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])) + " pairs");
    }

    /**
     * @param heldOut folder of clean 48 kHz utterances (.wav)
     * @param pairs dev pairs folder (clean/, noisy/, list.csv with the noise type in column 3)
     * @param out output folder
     * @return number of pairs written
     * @throws IOException if a file cannot be read or written, or the folders hold nothing usable
     */
    static int write(Path heldOut, Path pairs, Path out) throws IOException {
        List<String> lines = Files.readAllLines(pairs.resolve("list.csv"));
        List<float[]> noises = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            float[] c = AudioReader.read(pairs.resolve("clean").resolve(f[0])).mono();
            float[] n = AudioReader.read(pairs.resolve("noisy").resolve(f[0])).mono();
            float[] r = new float[Math.min(c.length, n.length)];
            for (int i = 0; i < r.length; i++) {
                r[i] = n[i] - c[i];
            }
            noises.add(r);
            types.add(f[2]);
        }
        List<Path> clean;
        try (Stream<Path> s = Files.list(heldOut)) {
            clean = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        if (noises.isEmpty() || clean.isEmpty()) {
            throw new IOException("nothing to mix: " + clean.size() + " utterances in " + heldOut + ", " + noises.size() + " dev pairs");
        }
        StringBuilder list = new StringBuilder("name,snr_db,noise\n");
        int k = 0;
        for (Path cp : clean) {
            float[] c = AudioReader.read(cp).mono();
            for (int snr : SNRS) {
                int pick = (k * 7) % noises.size();
                k++;
                float[][] pair = mix(c, noises.get(pick), snr);
                String name = cp.getFileName().toString().replace(".wav", "") + "_" + types.get(pick) + "_snr" + snr + ".wav";
                WavWriter.write(out.resolve("clean").resolve(name), new AudioData(48_000, new float[][] {pair[0]}, SampleFormat.FLOAT_32),
                        SampleFormat.FLOAT_32);
                WavWriter.write(out.resolve("noisy").resolve(name), new AudioData(48_000, new float[][] {pair[1]}, SampleFormat.FLOAT_32),
                        SampleFormat.FLOAT_32);
                list.append(name).append(',').append(snr).append(',').append(types.get(pick)).append('\n');
            }
        }
        Files.writeString(out.resolve("list.csv"), list);
        return k;
    }

    /** {clean, noisy}: the noise looped to the clean length at snrDb over the whole clip, both kept below 0.99. */
    static float[][] mix(float[] clean, float[] noise, double snrDb) {
        double ps = 0;
        double pn = 0;
        float[] n = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            n[i] = noise[i % noise.length];
            ps += clean[i] * (double) clean[i];
            pn += n[i] * (double) n[i];
        }
        double g = pn > 0 ? Math.sqrt(ps / pn / Math.pow(10, snrDb / 10)) : 0;
        float[] y = new float[clean.length];
        float peak = 0;
        for (int i = 0; i < clean.length; i++) {
            y[i] = (float) (clean[i] + g * n[i]);
            peak = Math.max(peak, Math.abs(y[i]));
        }
        float scale = peak > 0.99f ? 0.99f / peak : 1f;
        float[] c = clean.clone();
        for (int i = 0; i < clean.length; i++) {
            y[i] *= scale;
            c[i] *= scale;
        }
        return new float[][] {c, y};
    }
}
