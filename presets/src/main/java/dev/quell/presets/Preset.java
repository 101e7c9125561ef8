package dev.quell.presets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of parameter values. Values are in the parameters' plain units (for Quell:
 * {@code post_filter} in %, {@code lookahead} in ms, {@code attenuation_limit} in dB); a
 * parameter a preset does not name takes its default when the preset is applied, so applying a
 * preset always gives the same result whatever the state before.
 *
 * @param name display name, 1..64 characters, unique within a library (case-insensitive)
 * @param description one or two sentences for users (may be empty)
 * @param values parameter id to plain value, in the order written
 */
public record Preset(String name, String description, Map<String, Double> values) {
    /** Longest accepted name, characters. */
    public static final int MAX_NAME_LENGTH = 64;

    /**
     * @throws IllegalArgumentException for a blank or over-long name or a null value map
     */
    public Preset {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a preset name must have 1.." + MAX_NAME_LENGTH + " characters: '" + name + "'");
        }
        description = description == null ? "" : description;
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }
}
