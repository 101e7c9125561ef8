package dev.quell.plugin.engine;

import java.util.Locale;

/**
 * The engine's parameters. Each has a stable numeric {@link #index()} (the VST3 parameter id and
 * the LV2 control port order, never renumbered), a stable string {@link #id()} (state, presets,
 * CLI), a display name, a unit, a plain-value range and default, a step count (0 = continuous)
 * and text conversion both ways. Hosts that work in normalised values (VST3: 0..1) use
 * {@link #toNormalized}/{@link #fromNormalized}.
 */
public enum Parameter {
    /**
     * Post-filter strength, 0..100 %, default 100 % (ALGORITHM.md step 9); the engine scales it
     * by the host rate ({@link PostFilterRateScale}: half at 8 kHz, three quarters at 16 kHz, 1.5 times at
     * 48 kHz with look-ahead) and limited to 1 while the input's estimated SNR is low ({@link PostFilterSnrLimit}).
     */
    POST_FILTER(0, "post_filter", "Post-filter", "%", 0, 100, 100, 0),
    /** Network look-ahead, 0, 10 or 20 ms, default 20 ms; changes the latency. */
    LOOKAHEAD(1, "lookahead", "Look-ahead", "ms", 0, 20, 20, 2),
    /** Maximum noise reduction, 6..100 dB, default 100 dB (in effect unlimited). */
    ATTENUATION_LIMIT(2, "attenuation_limit", "Attenuation limit", "dB", 6, 100, 100, 0),
    /** Latency-compensated bypass with a 10 ms crossfade: 0 = off, 1 = on. */
    BYPASS(3, "bypass", "Bypass", "", 0, 1, 0, 1);

    private final int index;
    private final String id;
    private final String displayName;
    private final String unit;
    private final double min;
    private final double max;
    private final double defaultValue;
    private final int steps;

    Parameter(int index, String id, String displayName, String unit, double min, double max, double defaultValue,
              int steps) {
        this.index = index;
        this.id = id;
        this.displayName = displayName;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.steps = steps;
    }

    /** @return stable numeric id, 0..3 */
    public int index() {
        return index;
    }

    /** @return stable string id, e.g. "post_filter" */
    public String id() {
        return id;
    }

    /** @return display name, e.g. "Post-filter" */
    public String displayName() {
        return displayName;
    }

    /** @return unit label ("%", "ms", "dB" or "") */
    public String unit() {
        return unit;
    }

    /** @return smallest plain value */
    public double min() {
        return min;
    }

    /** @return largest plain value */
    public double max() {
        return max;
    }

    /** @return default plain value */
    public double defaultValue() {
        return defaultValue;
    }

    /** @return number of discrete steps over the range (0 = continuous; 2 for look-ahead, 1 for bypass) */
    public int steps() {
        return steps;
    }

    /**
     * @param index a stable numeric id
     * @return the parameter
     * @throws IllegalArgumentException for an unknown index
     */
    public static Parameter byIndex(int index) {
        for (Parameter p : values()) {
            if (p.index == index) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter index " + index);
    }

    /**
     * @param id a stable string id
     * @return the parameter
     * @throws IllegalArgumentException for an unknown id
     */
    public static Parameter byId(String id) {
        for (Parameter p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter '" + id + "'");
    }

    /**
     * Brings a plain value into range and onto the step grid (nearest step); NaN gives the default.
     *
     * @param value plain value
     * @return the valid value
     */
    public double clamp(double value) {
        if (Double.isNaN(value)) {
            return defaultValue;
        }
        double v = Math.max(min, Math.min(max, value));
        if (steps > 0) {
            double step = (max - min) / steps;
            v = min + Math.round((v - min) / step) * step;
        }
        return v;
    }

    /**
     * @param value plain value
     * @return null if the value is exactly valid (in range and on the step grid), else the reason
     */
    public String check(double value) {
        if (!Double.isFinite(value) || value < min || value > max) {
            return "must be between " + format(min) + " and " + format(max);
        }
        if (steps > 0 && clamp(value) != value) {
            StringBuilder s = new StringBuilder("must be one of");
            for (int i = 0; i <= steps; i++) {
                s.append(i == 0 ? " " : ", ").append(format(min + i * (max - min) / steps));
            }
            return s.toString();
        }
        return null;
    }

    /**
     * @param plain plain value
     * @return normalised value 0..1 (clamped)
     */
    public double toNormalized(double plain) {
        return (clamp(plain) - min) / (max - min);
    }

    /**
     * @param normalized 0..1 (clamped)
     * @return plain value, on the step grid
     */
    public double fromNormalized(double normalized) {
        double n = Double.isNaN(normalized) ? toNormalized(defaultValue) : Math.max(0, Math.min(1, normalized));
        return clamp(min + n * (max - min));
    }

    /**
     * Display text of a value, e.g. "85.0 %", "20 ms", "12.0 dB", "Off".
     *
     * @param plain plain value
     * @return the text
     */
    public String format(double plain) {
        double v = Double.isNaN(plain) ? defaultValue : plain;
        switch (this) {
            case BYPASS:
                return v >= 0.5 ? "On" : "Off";
            case LOOKAHEAD:
                return Math.round(v) + " ms";
            default:
                return String.format(Locale.ROOT, "%.1f %s", v, unit);
        }
    }

    /**
     * Parses display text such as "85 %", "85", "20ms", "-12.0 dB", "12 dB", "on", "off". For the
     * attenuation limit the sign is ignored (a limit of "-12 dB" means 12 dB of reduction).
     *
     * @param text the text
     * @return the plain value, clamped into range and onto the step grid
     * @throws IllegalArgumentException if the text is not a value of this parameter
     */
    public double parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (this == BYPASS) {
            switch (t) {
                case "on": case "1": case "true": case "yes": case "bypassed":
                    return 1;
                case "off": case "0": case "false": case "no":
                    return 0;
                default:
                    throw new IllegalArgumentException("bypass must be on or off, not '" + text + "'");
            }
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (!u.isEmpty() && t.endsWith(u)) {
            t = t.substring(0, t.length() - u.length()).trim();
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(displayName + ": '" + text + "' is not a number" + (u.isEmpty() ? "" : " of " + unit));
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(displayName + ": '" + text + "' is not finite");
        }
        if (this == ATTENUATION_LIMIT) {
            v = Math.abs(v);
        }
        return clamp(v);
    }
}
