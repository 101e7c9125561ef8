package dev.quell.dsp.resample;

/**
 * The exceptions (with their messages) that this package's audio-path classes throw, built here so
 * that those classes hold no string constants (see {@code dev.quell.dsp.Messages} for why).
 */
final class Messages {
    private Messages() {
    }

    static IllegalArgumentException ratesNotPositive(int inRate, int outRate) {
        return new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
    }

    static IllegalArgumentException unsupportedRatio(int inRate, int outRate) {
        return new IllegalArgumentException("unsupported rate ratio " + inRate + " -> " + outRate);
    }

    static IllegalArgumentException cutoffOutOfRange(double cutoffHz) {
        return new IllegalArgumentException("cutoff must lie between 0 and 24000 Hz, not " + cutoffHz);
    }
}
