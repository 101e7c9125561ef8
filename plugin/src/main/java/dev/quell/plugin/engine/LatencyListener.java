package dev.quell.plugin.engine;

/**
 * Told when the engine's latency changes (the look-ahead parameter moved), so a plugin shim can
 * ask its host to restart processing with the new latency (VST3 {@code restartComponent} with
 * the latency flag; the LV2 latency port). Called on the thread that changed the parameter,
 * never on the audio thread by {@code process}.
 */
@FunctionalInterface
public interface LatencyListener {
    /**
     * @param latencySamples the new latency in samples at the prepared sample rate
     */
    void latencyChanged(int latencySamples);
}
