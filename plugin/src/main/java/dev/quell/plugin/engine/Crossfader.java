package dev.quell.plugin.engine;

/**
 * The engine's per-sample gains between wet and dry: the bypass crossfade (a linear ramp over
 * 10 ms between the enhanced signal and the dry input delayed by the latency) and the look-ahead
 * switch (the output fades out over 5 ms, the pipeline switches, and fades back in over 10 ms once
 * the new pipeline's latency has passed, so the switch never clicks). Allocation-free; one per
 * engine, driven sample by sample from the audio thread.
 */
final class Crossfader {
    private int bypassRampLength = 1;
    private int fadeOutLength = 1;
    private int fadeInLength = 1;
    private float bypassMix;
    private boolean fadingOut;
    private int fadePosition;   // fade-out: samples left; fade-in: samples since the switch
    private int fadeInStart;    // samples after a switch at which the fade-in begins
    private boolean switchDue;

    /** @param hostRate host rate in Hz: sets the ramp lengths (10 ms bypass and fade-in, 5 ms fade-out) */
    void prepare(int hostRate) {
        bypassRampLength = Math.max(1, Math.round(0.010f * hostRate));
        fadeOutLength = Math.max(1, Math.round(0.005f * hostRate));
        fadeInLength = bypassRampLength;
    }

    /**
     * A plain reset: bypass jumps to its target, no fade (the output starts with the primed zeros).
     *
     * @param bypass 1 = bypassed, 0 = enhancing
     */
    void reset(float bypass) {
        bypassMix = bypass;
        fadingOut = false;
        switchDue = false;
        fadeInStart = 0;
        fadePosition = fadeInLength;
    }

    /** Starts the fade-out that precedes a look-ahead switch. */
    void startSwitch() {
        fadingOut = true;
        fadePosition = fadeOutLength;
    }

    /** @return true while a look-ahead switch is fading out */
    boolean switching() {
        return fadingOut;
    }

    /**
     * Moves the bypass mix one sample toward its target.
     *
     * @param target 1 = bypassed, 0 = enhancing
     * @return the mix for this sample: 0 wet only, 1 dry only
     */
    float nextBypassMix(float target) {
        if (bypassMix != target) {
            float step = 1f / bypassRampLength;
            bypassMix = target > bypassMix ? Math.min(target, bypassMix + step) : Math.max(target, bypassMix - step);
        }
        return bypassMix;
    }

    /**
     * The switch fade gain for this sample (1 outside a switch), advancing by one sample. When
     * the fade-out has ended, {@link #takeSwitchDue()} turns true.
     *
     * @return gain 0..1
     */
    float nextFade() {
        if (fadingOut) {
            float fade = fadePosition / (float) fadeOutLength;
            if (fadePosition > 0) {
                fadePosition--;
            } else {
                switchDue = true;
            }
            return fade;
        }
        if (fadePosition < fadeInStart + fadeInLength) {
            float fade = Math.max(0, fadePosition - fadeInStart) / (float) fadeInLength;
            fadePosition++;
            return fade;
        }
        return 1f;
    }

    /** @return true once after a fade-out has reached silence: the caller switches now */
    boolean takeSwitchDue() {
        boolean due = switchDue;
        switchDue = false;
        return due;
    }

    /**
     * After the switch: the fade-in begins once the new pipeline's first real output arrives.
     *
     * @param latencySamples the new latency, host samples
     */
    void switched(int latencySamples) {
        fadingOut = false;
        fadePosition = 0;
        fadeInStart = latencySamples;
    }
}
