package dev.quell.train;

import ai.djl.ndarray.NDArray;

/**
 * The per-frame SNR target of the network's SNR head (PercepNet+, Ge et al., Interspeech 2022,
 * section 2.2: an SNR estimator trained as an extra objective), worked out from the labels a
 * batch already carries.
 *
 * <p>With the oracle gain g_b = sqrt(E_x,b / E_y,b) (ALGORITHM.md, "Targets"; clean over noisy band
 * energy, at most 1) and the noisy band energy E_y,b, band b of a frame holds speech energy
 * g_b² E_y,b and noise energy (1 - g_b²) E_y,b (speech and noise uncorrelated). The frame's SNR is
 * 10 log10(Σ m_b g_b² E_y,b / Σ m_b (1 - g_b²) E_y,b) over the bands the mask keeps, clipped to
 * {@value #LOW_DB}..{@value #HIGH_DB} dB and mapped linearly to 0..1, the range of the head's
 * sigmoid. It is the per-frame, autograd-side form of the per-example estimate with which
 * {@code Train.estimatedSnrDb} thins out high-SNR examples ({@code maxsnr=}).
 */
public final class FrameSnr {
    /** SNR that maps to 0, dB. */
    public static final float LOW_DB = -15f;
    /** SNR that maps to 1, dB. */
    public static final float HIGH_DB = 35f;
    private static final float TINY = 1e-12f;

    private FrameSnr() {
    }

    /**
     * @param gains oracle band gains g, (batch, frames, 34), 0..1
     * @param mask band mask m, (batch, frames, 34), 0 or 1
     * @param energies noisy band energies E_y, (batch, frames, 34), linear, ≥ 0
     * @return the mapped frame SNR, (batch, frames, 1), 0..1
     */
    public static NDArray target(NDArray gains, NDArray mask, NDArray energies) {
        NDArray speechShare = gains.square();
        NDArray weighted = energies.mul(mask);
        NDArray speech = speechShare.mul(weighted).sum(new int[] {2}, true);
        NDArray noise = speechShare.neg().add(1f).mul(weighted).sum(new int[] {2}, true);
        NDArray db = speech.add(TINY).div(noise.add(TINY)).log10().mul(10f);
        return db.sub(LOW_DB).div(HIGH_DB - LOW_DB).clip(0f, 1f);
    }

    /**
     * @param mapped a head output or target, 0..1
     * @return the SNR it stands for, dB, {@value #LOW_DB}..{@value #HIGH_DB}
     */
    public static double decibels(double mapped) {
        return LOW_DB + mapped * (HIGH_DB - LOW_DB);
    }
}
