package dev.quell.dsp;

/**
 * The exceptions (with their messages) that this package's audio-path classes throw, built here so
 * that those classes hold no string constants: HotSpot resolves every string constant of a class
 * when it first compiles one of its methods with C2, and on the audio thread that resolution would
 * allocate (see {@code dev.quell.plugin.runtime.JitStringConstants} and its test). Called only on
 * the failure paths, all of them at set-up.
 */
final class Messages {
    private Messages() {
    }

    static IllegalArgumentException unsupportedInputCount(int count) {
        return new IllegalArgumentException("a network takes " + NetworkInputs.SUPPORTED + " inputs per frame, not " + count);
    }

    static IllegalArgumentException timeConstantNotPositive(double seconds) {
        return new IllegalArgumentException("time constant must be finite and above 0 s: " + seconds);
    }

    static IllegalArgumentException lookaheadOutOfRange(int lookahead) {
        return new IllegalArgumentException("look-ahead must be 0.." + FrameFormat.MAX_LOOKAHEAD
                + " frames, got " + lookahead);
    }

    static IllegalArgumentException trackerLagOutOfRange(int maxLag) {
        return new IllegalArgumentException("pitch tracker lag out of range: " + maxLag);
    }

    static IllegalArgumentException lagOutOfRange(int lag) {
        return new IllegalArgumentException("lag out of range: " + lag);
    }

    static IllegalArgumentException historyShorterThanHop(int length) {
        return new IllegalArgumentException("history shorter than a hop: " + length);
    }

    static IllegalArgumentException unsupportedFftSize(int n) {
        return new IllegalArgumentException("unsupported FFT size " + n + " (need p*2^m, p odd <= 31)");
    }

    static IllegalArgumentException pitchHistoryTooShort(int length) {
        return new IllegalArgumentException("history too short for pitch search: " + length);
    }

    static IllegalArgumentException arraysTooShort(int frames) {
        return new IllegalArgumentException("arrays too short for " + frames + " frames");
    }

    static IllegalArgumentException badHighPassCorner(double cutoffHz, double sampleRate) {
        return new IllegalArgumentException("bad high-pass corner " + cutoffHz + " Hz at " + sampleRate + " Hz");
    }

    static IllegalArgumentException bandLayoutTooCoarse(int bins, double binHz) {
        return new IllegalArgumentException("FFT layout too coarse/short for the ERB bands: "
                + bins + " bins of " + binHz + " Hz");
    }

    static IllegalArgumentException combHalfWidthOutOfRange(int halfWidth) {
        return new IllegalArgumentException("comb half-width out of range: " + halfWidth);
    }
}
