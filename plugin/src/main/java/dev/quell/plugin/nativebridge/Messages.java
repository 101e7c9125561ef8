package dev.quell.plugin.nativebridge;

/**
 * The texts of {@link NativeBridge}, built here so that the bridge, whose {@code process} runs on
 * the host's audio thread, holds no string constants (see
 * {@code dev.quell.plugin.runtime.JitStringConstants} for why).
 */
final class Messages {
    private Messages() {
    }

    static IllegalArgumentException bufferShape(int channels, int maxBlock) {
        return new IllegalArgumentException("audio buffer must be direct and hold 2 x " + channels + " x " + maxBlock
                + " floats");
    }

    static String description(String model, String kernel, int sampleRate, int channels, int latencySamples) {
        return "Quell engine (" + model + ", " + kernel + " kernel) at " + sampleRate + " Hz, " + channels
                + " channel(s), latency " + latencySamples + " samples";
    }
}
