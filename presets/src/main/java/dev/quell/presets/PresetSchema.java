package dev.quell.presets;

import java.util.Set;

/**
 * The parameters a preset may set and their valid ranges. The engine that owns the parameters
 * implements it, so presets are validated against the same definitions the host sees.
 */
public interface PresetSchema {
    /** @return the ids of the parameters a preset may name */
    Set<String> parameterIds();

    /**
     * Checks one value.
     *
     * @param id a parameter id from {@link #parameterIds()}
     * @param value plain value
     * @return null if the value is valid, otherwise a short reason such as
     *     "must be between 6 and 100 dB"
     */
    String check(String id, double value);
}
