package dev.quell.presets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The presets that ship with Quell, read from the JSON resources under
 * {@code /dev/quell/presets/factory/} in the order of {@link #RESOURCES}. The CLI and both
 * plugin formats use these (the native shim generates LV2 presets and VST3 programs from them).
 */
public final class FactoryPresets {
    /** Resource names, in display order. */
    public static final List<String> RESOURCES = List.of(
            "podcast-voice.json", "live-broadcast.json", "gentle-cleanup.json", "maximum-suppression.json");

    private FactoryPresets() {
    }

    /**
     * Loads and validates every factory preset.
     *
     * @param schema parameters and ranges to validate against
     * @return the presets in display order
     * @throws UncheckedIOException if a resource is missing or invalid (a build defect; tests catch it)
     */
    public static List<Preset> load(PresetSchema schema) {
        List<Preset> out = new ArrayList<>();
        for (String r : RESOURCES) {
            String path = "/dev/quell/presets/factory/" + r;
            try (InputStream in = FactoryPresets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new PresetFormatException(path, "factory preset resource missing");
                }
                out.add(PresetCodec.read(path, in.readAllBytes(), schema));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }
}
