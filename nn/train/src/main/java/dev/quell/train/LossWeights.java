package dev.quell.train;

/**
 * The weights of {@link EnhancerLoss}'s optional terms; its class comment defines each term. A
 * weight of 0 leaves its term out; the perceptual part always counts with weight 1.
 *
 * @param sdr weight λ ≥ 0 of the signal-domain term
 * @param overAttenuation weight μ ≥ 0 of the over-attenuation term
 * @param snr weight ν ≥ 0 of the SNR-head term
 * @param pause weight κ ≥ 0 of the pause term (noise left in speech pauses)
 * @param weak weight ω ≥ 0 of the weak-speech term (speech cut in weak frames)
 * @param leak weight ρ ≥ 0 of the leak term (noise left in speech frames)
 * @throws IllegalArgumentException if a weight is negative, infinite or NaN
 */
public record LossWeights(float sdr, float overAttenuation, float snr, float pause, float weak, float leak) {
    /** Every optional term left out: the perceptual loss alone. */
    public static final LossWeights NONE = new LossWeights(0f, 0f, 0f, 0f, 0f, 0f);

    /** Checks every weight. */
    public LossWeights {
        for (float w : new float[] {sdr, overAttenuation, snr, pause, weak, leak}) {
            if (!(w >= 0f) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("loss weights must be finite and >= 0: " + w);
            }
        }
    }

    /** @return whether a term that needs the noisy band energies as labels is on (all but the over-attenuation term) */
    public boolean needEnergies() {
        return snr > 0f || weighsByEnergy();
    }

    /** @return whether a term that weighs the band errors by the noisy band energies is on (signal-domain, pause, weak-speech or leak term) */
    public boolean weighsByEnergy() {
        return sdr > 0f || pause > 0f || weak > 0f || leak > 0f;
    }
}
