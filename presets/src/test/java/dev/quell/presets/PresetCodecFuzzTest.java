package dev.quell.presets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target (Jazzer) for user presets ({@code ~/.config/quell/presets/*.json}): any bytes give a
 * preset whose every value passes the schema, or a {@link PresetFormatException} with a one-line
 * message naming the source; nothing else escapes. Seeds: resources {@code PresetCodecFuzzTestInputs/}.
 */
class PresetCodecFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAValidPresetOrAOneLineError(byte[] bytes) {
        try {
            Preset p = PresetCodec.read("fuzz.json", bytes, PresetsTest.SCHEMA);
            p.values().forEach((id, v) -> {
                String problem = PresetsTest.SCHEMA.check(id, v);
                if (!PresetsTest.SCHEMA.parameterIds().contains(id) || problem != null) {
                    throw new AssertionError(id + " = " + v + " accepted: " + problem);
                }
            });
        } catch (PresetFormatException e) {
            if (e.getMessage() == null || !e.getMessage().contains("fuzz.json") || e.getMessage().contains("\n")) {
                throw new AssertionError("not a one-line message naming the file: " + e.getMessage(), e);
            }
        }
    }
}
