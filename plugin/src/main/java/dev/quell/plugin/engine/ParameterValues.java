package dev.quell.plugin.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The current plain value of every {@link Parameter}, safe to set from any thread while the audio
 * thread reads: each value is one atomic 64-bit word (no locks, no allocation). Values are
 * clamped into range and onto the step grid when set.
 */
public final class ParameterValues {
    private final AtomicLongArray bits = new AtomicLongArray(Parameter.values().length);

    /** Creates a set at the defaults. */
    public ParameterValues() {
        resetToDefaults();
    }

    /** Sets every parameter to its default. */
    public void resetToDefaults() {
        for (Parameter p : Parameter.values()) {
            set(p, p.defaultValue());
        }
    }

    /**
     * @param p parameter
     * @param plain plain value (clamped; NaN gives the default)
     * @return the value stored
     */
    public double set(Parameter p, double plain) {
        double v = p.clamp(plain);
        bits.set(p.ordinal(), Double.doubleToRawLongBits(v));
        return v;
    }

    /**
     * @param p parameter
     * @return its plain value
     */
    public double get(Parameter p) {
        return Double.longBitsToDouble(bits.get(p.ordinal()));
    }
}
