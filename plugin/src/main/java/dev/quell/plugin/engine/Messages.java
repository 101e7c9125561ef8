package dev.quell.plugin.engine;

/**
 * The exceptions (with their messages) and texts of this package's audio-path classes, built here
 * so that those classes hold no string constants: HotSpot resolves every string constant of a
 * class when it first compiles one of its methods with C2, and on the audio thread that would
 * allocate ({@code dev.quell.plugin.runtime.JitStringConstants}, {@code AudioPathLiteralsTest}).
 * Called only at set-up, on failure paths and off the audio thread.
 */
final class Messages {
    private Messages() {
    }

    static IllegalArgumentException unsupportedRate(double sampleRateHz) {
        return new IllegalArgumentException("unsupported sample rate " + sampleRateHz + " Hz (Quell runs at whole rates from "
                + QuellEngine.MIN_RATE + " to " + QuellEngine.MAX_RATE
                + " Hz whose ratio to 48000 Hz reduces to terms of at most 1000, e.g. "
                + java.util.Arrays.toString(QuellEngine.SUPPORTED_RATES) + " Hz)");
    }

    static IllegalArgumentException unsupportedChannels(int channelCount) {
        return new IllegalArgumentException("Quell processes mono or stereo, not " + channelCount + " channels");
    }

    static IllegalArgumentException blockSizeBelowOne(int maxBlockSize) {
        return new IllegalArgumentException("maximum block size must be at least 1, not " + maxBlockSize);
    }

    static String stateRefused(String reason) {
        return reason + "; parameters unchanged";
    }

    static IllegalStateException fifoOverflow(int wanted, int capacity) {
        return new IllegalStateException("FIFO overflow: " + wanted + " > " + capacity);
    }

    static IllegalStateException fifoUnderflow(int wanted, int size) {
        return new IllegalStateException("FIFO underflow: " + wanted + " > " + size);
    }

    static IllegalArgumentException featureCount(int inputSize) {
        return new IllegalArgumentException("the model takes " + inputSize + " features per frame");
    }

    static IllegalArgumentException enginesNotAlike(int channels) {
        return new IllegalArgumentException("engines not prepared alike for " + channels + " channel(s)");
    }

    static IllegalArgumentException engineCount(int engines, int channels) {
        return new IllegalArgumentException(engines + " engine(s) for " + channels + " channel(s)");
    }

    static IllegalArgumentException blockSizeRange(int blockSize) {
        return new IllegalArgumentException("block size " + blockSize + " not in 1.." + QuellEngine.MAX_CHUNK);
    }

    static IllegalArgumentException rateAndChunk(int rate, int maxChunk) {
        return new IllegalArgumentException("rate " + rate + " and chunk " + maxChunk + " must be positive");
    }

    static IllegalArgumentException tooManyFrames(int count, int maxChunk) {
        return new IllegalArgumentException(count + " frames in one call; at most " + maxChunk);
    }
}
