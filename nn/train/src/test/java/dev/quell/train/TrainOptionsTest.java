package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Parsing of {@link Train}'s key=value options. */
class TrainOptionsTest {
    @Test
    void parsesTheLossWeights() {
        TrainOptions o = TrainOptions.parse(Map.of("sdr", "1", "overatt", "0.5", "snr", "1", "pause", "0.25",
                "weak", "0.25", "leak", "0.1"));
        assertEquals(new LossWeights(1f, 0.5f, 1f, 0.25f, 0.25f, 0.1f), o.loss());
        assertTrue(o.needsEnergyLabels());
        assertEquals(LossWeights.NONE, TrainOptions.parse(Map.of()).loss());
    }

    @Test
    void rejectsAMisspeltKeyRatherThanTrainWithoutItsTerm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(Map.of("sdr", "1", "leek", "0.25")));
        assertTrue(e.getMessage().startsWith("unknown option leek"), e.getMessage());
    }

    @Test
    void choosesTheInputLayout() {
        assertEquals(70, TrainOptions.parse(Map.of()).inputs());
        assertEquals(104, TrainOptions.parse(Map.of("noisefloor", "true")).inputs());
        assertEquals(138, TrainOptions.parse(Map.of("noisefloor", "true", "modulation", "true")).inputs());
        assertEquals(138, TrainOptions.parse(Map.of("modulation", "true")).inputs(), "modulation implies the noise floor");
    }

    @Test
    void parsesTheTwoLoudMusicRulesApart() {
        TrainOptions o = TrainOptions.parse(Map.of("musicpause", "4@2000-2079", "musicspeech", "2@2000-2039"));
        assertEquals(new LoudMusicFactor("musicpause", 4f, 2000, 2079), o.musicPause());
        assertEquals(new LoudMusicFactor("musicspeech", 2f, 2000, 2039), o.musicSpeech());
        TrainOptions none = TrainOptions.parse(Map.of());
        assertEquals(null, none.musicPause());
        assertEquals(null, none.musicSpeech());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(Map.of("musicspeech", "2")));
        assertTrue(e.getMessage().startsWith("musicspeech needs"), e.getMessage());
    }

    @Test
    void rejectsANegativeWeight() {
        assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(Map.of("leak", "-1")));
    }

    @Test
    void theUsageLineListsEveryKeyAndItsNumbersAreTheDefaults() {
        String usage = TrainOptions.usage();
        int numbers = 0;
        for (String key : TrainOptions.KEYS) {
            Matcher m = Pattern.compile("\\[" + key + "=([^\\]]+)\\]").matcher(usage);
            assertTrue(m.find(), key + " missing from " + usage);
            String shown = m.group(1);
            if (shown.matches("[0-9.e-]+")) {
                assertEquals(TrainOptions.parse(Map.of()), TrainOptions.parse(Map.of(key, shown)),
                        key + "=" + shown + " is not the default");
                numbers++;
            }
        }
        assertEquals(4, numbers, "lookahead, batch, lr and checkpoint show their defaults");
    }

    @Test
    void theFinalLearningRateDefaultsToTheFirstAndMayNotExceedIt() {
        assertEquals(3e-4f, TrainOptions.parse(Map.of("lr", "3e-4")).lrFinal());
        assertEquals(1e-5f, TrainOptions.parse(Map.of("lr", "3e-4", "lrfinal", "1e-5")).lrFinal());
        for (Map<String, String> bad : List.of(Map.of("lr", "1e-4", "lrfinal", "1e-3"), Map.of("lr", "0"),
                Map.of("lr", "NaN"), Map.of("lrfinal", "0"), Map.of("lr", "Infinity"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(bad),
                    bad.toString());
            assertTrue(e.getMessage().startsWith("learning rates must be"), e.getMessage());
        }
    }

    @Test
    void theLearningRateFallsByHalfACosineFromTheFirstToTheFinal() {
        Tracker fixed = Train.learningRate(TrainOptions.parse(Map.of("lr", "3e-4")), 1000);
        assertEquals(3e-4f, fixed.getNewValue(0));
        assertEquals(3e-4f, fixed.getNewValue(5000));

        TrainOptions o = TrainOptions.parse(Map.of("lr", "1e-4", "lrfinal", "1e-6"));
        Tracker cosine = Train.learningRate(o, 1000);
        assertEquals(1e-4f, cosine.getNewValue(0), 1e-10f);
        assertEquals((1e-4f + 1e-6f) / 2, cosine.getNewValue(500), 1e-9f);
        assertEquals(1e-6f + (1e-4f - 1e-6f) * (1 + Math.cos(Math.PI / 4)) / 2, cosine.getNewValue(250), 1e-9f);
        assertEquals(1e-6f, cosine.getNewValue(1000), 1e-10f);
        assertEquals(1e-6f, cosine.getNewValue(1500), 1e-10f, "stays at the final rate past the run's end");
        float previous = Float.POSITIVE_INFINITY;
        for (int n = 0; n <= 1000; n += 10) {
            assertTrue(cosine.getNewValue(n) <= previous, "falls at update " + n);
            previous = cosine.getNewValue(n);
        }
        assertEquals(1e-6f, Train.learningRate(o, 0).getNewValue(0), "a run with no steps left sits at the final rate");
    }
}
