package dev.quell.plugin.engine;

/**
 * The engine's output never exceeds the recent peak of its own input: per channel, a peak
 * follower of the latency-aligned dry input (instant attack, exponential release with a 20 ms
 * time constant) is the ceiling each output sample is clipped to. A noise suppressor only
 * removes; without the ceiling, absurd input (an infinity clamped to +36 dBFS, an impulse at
 * full scale) could come out louder than it went in after the STFT and the comb filter spread it.
 * On ordinary speech the enhanced signal stays below the input's recent peak, so the ceiling
 * does not act (the transparency tests hold it to that). Allocation-free; one instance per channel.
 */
final class OutputCeiling {
    /** Release time constant, seconds. */
    static final double RELEASE_SECONDS = 0.020;
    private final float release;
    private float ceiling;

    /** @param sampleRate host rate in Hz (positive) */
    OutputCeiling(int sampleRate) {
        release = (float) Math.exp(-1.0 / (RELEASE_SECONDS * sampleRate));
    }

    /**
     * @param v output sample (finite)
     * @param dry the aligned dry input sample (finite, as clamped by the engine)
     * @return v clipped to +/- the current ceiling
     */
    float limit(float v, float dry) {
        float a = Math.abs(dry);
        float c = ceiling * release;
        ceiling = a > c ? a : c;
        return v > ceiling ? ceiling : (v < -ceiling ? -ceiling : v);
    }

    /** Forgets the input's history (a reset: the ceiling starts at silence). */
    void reset() {
        ceiling = 0f;
    }
}
