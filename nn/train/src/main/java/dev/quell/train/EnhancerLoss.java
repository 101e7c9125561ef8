package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Masked PercepNet/RNNoise loss (ALGORITHM.md, "Loss"):
 * L = sum_b m_b [(g^γ - ĝ^γ)^2 + C4 (g^γ - ĝ^γ)^4 + ((1-r)^γ - (1-r̂)^γ)^2] / sum_b m_b,
 * γ = {@link #GAMMA}, C4 = {@link #C4}; masked ("don't care") bands do not count.
 * Labels: (gains, strengths, mask); predictions: (gains, strengths); all (batch, frames, 34).
 */
public final class EnhancerLoss extends Loss {
    /** Compression exponent. */
    public static final float GAMMA = 0.5f;
    /** Weight of the quartic term. */
    public static final float C4 = 10f;
    private static final float EPS = 1e-6f;

    /** Creates the loss. */
    public EnhancerLoss() {
        super("enhancer");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray g = labels.get(0).add(EPS).pow(GAMMA);
        NDArray r = labels.get(1).neg().add(1 + EPS).pow(GAMMA);
        NDArray mask = labels.get(2);
        NDArray gp = predictions.get(0).add(EPS).pow(GAMMA);
        NDArray rp = predictions.get(1).neg().add(1 + EPS).pow(GAMMA);
        NDArray dg = g.sub(gp);
        NDArray dg2 = dg.square();
        NDArray lg = dg2.add(dg2.square().mul(C4));
        NDArray lr = r.sub(rp).square();
        return lg.add(lr).mul(mask).sum().div(mask.sum().add(1f));
    }
}
