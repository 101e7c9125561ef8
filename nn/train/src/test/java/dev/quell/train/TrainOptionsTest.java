package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
