package dev.quell.validation.transparency;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SharedData;
import dev.quell.dsp.resample.Resampler;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.OfflineRenderer;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.validation.demo.DemoRecordings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Clean 48 kHz speech for the transparency checks: every sixth clean file of the data pack's dev
 * pairs (12 utterances, two speakers, 33 s) when {@code ../shared/data} is present, otherwise
 * the read speech bundled for {@code quell demo} ({@link DemoRecordings}: 12.3 s of LJ Speech
 * chapter 3, a voice no model trains on) converted to 48 kHz and cut into three 4-second clips.
 * Also runs {@code quell enhance}'s path (the plugin engine through
 * {@link OfflineRenderer#renderAtRate}, default model and settings).
 */
final class CleanSpeech {
    /** Rate of the clips, Hz. */
    static final int RATE = 48000;
    /** Length of each bundled-clip cut, seconds. */
    private static final int BUNDLED_CLIP_SECONDS = 4;
    private static final Map<Integer, QuellEngine> ENGINES = new HashMap<>();

    private CleanSpeech() {
    }

    /** @return true when the clips are the data pack's dev speech, false for the bundled clip */
    static boolean fromDataPack() {
        return SharedData.dataDir() != null;
    }

    /** @return what the clips are, for the test's printout */
    static String source() {
        return fromDataPack() ? "dev clean speech" : "bundled LJ Speech clip";
    }

    /** @return the clips, {@link #RATE} Hz mono */
    static List<float[]> clips() {
        Path data = SharedData.dataDir();
        List<float[]> out = new ArrayList<>();
        if (data == null) {
            try {
                float[] speech = Resampler.resample(DemoRecordings.load().speech(), DemoRecordings.RATE, RATE);
                int clip = BUNDLED_CLIP_SECONDS * RATE;
                for (int k = 0; k + clip <= speech.length && k < 3 * clip; k += clip) {
                    out.add(Arrays.copyOfRange(speech, k, k + clip));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
        try (Stream<Path> files = Files.list(data.resolve("dev/pairs/clean"))) {
            List<Path> sorted = files.sorted().toList();
            for (int i = 0; i < sorted.size(); i += 6) {
                AudioData a = AudioReader.read(sorted.get(i));
                out.add(a.mono());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * @param x mono signal at {@code rate}
     * @param rate its sample rate, Hz
     * @return what {@code quell enhance} makes of it with the default model and settings
     */
    static synchronized float[] enhance(float[] x, int rate) {
        int at = OfflineRenderer.engineRate(rate);
        QuellEngine e = ENGINES.computeIfAbsent(at, r -> {
            QuellEngine q = new QuellEngine(EngineModels.defaults());
            q.prepare(r, OfflineRenderer.DEFAULT_BLOCK, 1);
            return q;
        });
        return OfflineRenderer.renderAtRate(e, new float[][] {x}, rate, OfflineRenderer.DEFAULT_BLOCK, null)[0];
    }
}
