package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the held-out voices of the training corpora ({@link TrainingCorpus#heldOutSpeech()}) as
 * clean 48 kHz utterances, one folder per corpus, for the transparency report of model v2: run
 * {@code quell eval --clean DIR/CORPUS --noisy DIR/CORPUS --rates 8000,16000,48000} to measure
 * what the enhancer does to clean speech of voices, corpora and recording set-ups it never trained
 * on.
 *
 * <p>{@code HeldOutSet DATA_DIRS OUT_DIR [PER_CORPUS=12]}: per corpus, up to PER_CORPUS utterances
 * of 3-6 s, each of one voice, the voices of a corpus taking turns; short clips of one voice are
 * joined in file order with 0.3 s pauses, longer ones are kept whole (cut at 8 s). 16-bit WAV; existing files are left alone (re-running is harmless).
 */
public final class HeldOutSet {
    private static final int RATE = FrameFormat.SAMPLE_RATE;

    private HeldOutSet() {
    }

    /**
     * @param args DATA_DIRS (':'-separated) OUT_DIR [PER_CORPUS]
     * @throws IOException if a clip cannot be read or a file written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: HeldOutSet DATA_DIRS OUT_DIR [PER_CORPUS]");
            System.exit(2);
        }
        TrainingCorpus corpus = new TrainingCorpus(TrainingCorpus.folders(args[0]));
        Path out = Path.of(args[1]);
        int perCorpus = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Map<String, List<TrainingCorpus.Clip>> byCorpus = new TreeMap<>();
        for (TrainingCorpus.Clip c : corpus.heldOutSpeech()) {
            byCorpus.computeIfAbsent(c.corpus(), k -> new ArrayList<>()).add(c);
        }
        for (var e : byCorpus.entrySet()) {
            List<float[]> utterances = utterances(corpus, e.getValue(), perCorpus);
            Path dir = out.resolve(e.getKey());
            Files.createDirectories(dir);
            for (int i = 0; i < utterances.size(); i++) {
                Path f = dir.resolve(String.format("%s-%02d.wav", e.getKey(), i));
                if (!Files.exists(f)) {
                    WavWriter.write(f, new AudioData(RATE, new float[][] {utterances.get(i)}, SampleFormat.PCM_16),
                            SampleFormat.PCM_16);
                }
            }
            System.out.printf("%s: %d utterances from %d held-out clips%n", e.getKey(), utterances.size(), e.getValue().size());
        }
    }

    /**
     * Utterances of 3-6 s (whole clips up to 8 s), each from one voice: the clips of each voice in
     * their listed order (every k-th, so a voice's whole range is sampled) joined with 0.3 s
     * pauses; voices take turns, so every voice of the corpus is represented.
     */
    static List<float[]> utterances(TrainingCorpus corpus, List<TrainingCorpus.Clip> clips, int max) throws IOException {
        Map<String, List<TrainingCorpus.Clip>> byVoice = new TreeMap<>();
        for (TrainingCorpus.Clip c : clips) {
            byVoice.computeIfAbsent(c.speaker(), k -> new ArrayList<>()).add(c);
        }
        int perVoice = (max + byVoice.size() - 1) / byVoice.size();
        List<List<float[]>> voices = new ArrayList<>();
        for (List<TrainingCorpus.Clip> voice : byVoice.values()) {
            voices.add(utterancesOfOneVoice(corpus, voice, perVoice));
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; out.size() < max; i++) {
            boolean any = false;
            for (List<float[]> v : voices) {
                if (i < v.size() && out.size() < max) {
                    out.add(v.get(i));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    private static List<float[]> utterancesOfOneVoice(TrainingCorpus corpus, List<TrainingCorpus.Clip> clips, int max)
            throws IOException {
        List<float[]> out = new ArrayList<>();
        float[] current = new float[0];
        int step = Math.max(1, clips.size() / (max * 4));
        for (int k = 0; k < clips.size() && out.size() < max; k += step) {
            short[] s = corpus.samples(clips.get(k));
            int pause = current.length == 0 ? 0 : (int) (0.3 * RATE);
            int len = Math.min(s.length, 8 * RATE);
            float[] next = java.util.Arrays.copyOf(current, current.length + pause + len);
            for (int i = 0; i < len; i++) {
                next[current.length + pause + i] = s[i] / 32768f;
            }
            current = next;
            if (current.length >= 3 * RATE) {
                out.add(current.length > 6 * RATE && len < current.length
                        ? java.util.Arrays.copyOf(current, 6 * RATE) : current);
                current = new float[0];
            }
        }
        return out;
    }
}
