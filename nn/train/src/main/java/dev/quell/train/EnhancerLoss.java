package dev.quell.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/**
 * Masked PercepNet/RNNoise loss (ALGORITHM.md, "Loss"), optionally with a signal-domain term.
 *
 * <p>Perceptual part: L_p = sum_b m_b [(g^γ - ĝ^γ)^2 + C4 (g^γ - ĝ^γ)^4 + ((1-r)^γ - (1-r̂)^γ)^2]
 * / sum_b m_b over the whole batch, γ = {@link #GAMMA}, C4 = {@link #C4}; masked ("don't care")
 * bands do not count.
 *
 * <p>Signal-domain part (weight λ = {@link LossWeights#sdr()}, used when the labels carry the noisy band
 * energies E_y as a fourth entry): per example i,
 * L_s,i = log10(D_i / N_i + {@link #RATIO_FLOOR}) with D_i = Σ m E_y (g - ĝ)^2, the band-domain
 * error energy of the enhanced signal (output band b = ĝ_b Y_b, target g_b Y_b), and
 * N_i = Σ m E_y (1 - g)^2 + {@link #SPEECH_FLOOR} Σ m E_y g^2, the error energy of the unprocessed
 * input (floored at 20 dB below the speech, so speech-only examples stay finite). −10 L_s,i is
 * thus an estimate of the SI-SDR improvement in dB of example i, and the term is its batch mean.
 * It exists because γ = 0.5 is perceptually motivated but, under uncertainty, the mean of ĝ^½
 * squared lies below the mean of g (Jensen), so the perceptual loss alone biases the gains toward
 * over-suppression, which costs SI-SDR at high input SNR (measured: the default model lost
 * 1 dB at 20 dB input, and g^0.7 at run time recovered it).
 *
 * <p>Over-attenuation part (weight μ = {@link LossWeights#overAttenuation()}, model-v2 issue item 5, after
 * PercepNet+ (Ge et al., Interspeech 2022, section 2.3), which adds an extra penalty where the
 * estimated gain lies below the target): L_o = sum_b m_b max(0, g^γ - ĝ^γ)^2 / sum_b m_b. The
 * symmetric terms above weigh a weak syllable cut by 14 dB no more than the same error upward;
 * this term makes cutting speech cost more than leaving noise. With a sixth label [batch]
 * (per-example factors u_i, {@link LoudMusicFactor} of option {@code musicspeech}), example i's
 * share of the sum counts u_i times (the denominator stays Σ m).
 *
 * <p>SNR part (weight ν = {@link LossWeights#snr()}, model-v2 issue item 5, PercepNet+'s SNR estimator as
 * an extra objective): L_n = mean over frames of (t - ŝ)², t the frame SNR target of
 * {@link FrameSnr} (needs the energies), ŝ the network's third output.
 *
 * <p>Pause part (weight κ = {@link LossWeights#pause()}, model-v2 issue, ship criterion on DNSMOS; needs
 * the energies): per example i, with C_t = Σ_b m E_y g² the clean band energy of frame t, the
 * pause frames P_i are those with C_t below {@link #PAUSE_LEVEL} (−40 dB) of the example's
 * loudest frame, and L_q,i = log10(Σ_{t∈P_i} Σ_b m E_y ĝ² / Σ_t C_t + {@link #PAUSE_FLOOR}): the
 * energy the enhanced signal keeps in speech pauses, relative to the example's speech, floored at
 * −60 dB. The term is its batch mean; with a fifth label [batch] (per-example factors s_i, e.g.
 * {@link LoudMusicFactor} of option {@code musicpause}), the batch mean of s_i L_q,i. Why: the signal-domain part weighs pause noise by its
 * energy, which at 30 dB below the speech is next to nothing, yet the ear and DNSMOS hear it; in
 * session 24 (docs/training-log.md) the network left the noise in pauses 27–30 dB below the
 * speech at −5 and 0 dB input where the oracle leaves it 68–80 dB below, and the oracle's gains in
 * the pauses alone raised DNSMOS OVRL at 48 kHz from 2.55 to 2.71 at the same STOI. An example
 * without speech (all target gains 0) has no pause frames and adds a constant.
 *
 * <p>Weak-speech part (weight ω = {@link LossWeights#weak()}, the pause part's counterweight; needs the
 * energies): per example i, the weak speech frames W_i are those with C_t from
 * {@link #PAUSE_LEVEL} (−40 dB) up to {@link #WEAK_LEVEL} (−20 dB) of the example's loudest frame,
 * and L_w,i = log10(Σ_{t∈W_i} Σ_b m E_y max(0, g − ĝ)² / Σ_{t∈W_i} C_t + {@link #WEAK_FLOOR}):
 * the part of the weak speech the output cuts, relative to that speech, floored at −30 dB. The
 * term is its batch mean (with the sixth label, the batch mean of u_i L_w,i); an example without
 * such frames adds a constant. Why: in session 25
 * (docs/training-log.md) the pause part alone took weak speech with the pauses (at κ = 0.25 the
 * output kept 3.2 dB less in frames 20–40 dB below the loudest at 0 dB input, and STOI fell below
 * the input at 8 kHz); the perceptual and over-attenuation parts weigh those few frames like any
 * other, and the signal-domain part by their tiny energy.
 *
 * <p>Leak part (weight ρ = {@link LossWeights#leak()}; needs the energies): per example i, the
 * speech frames S_i are those with C_t at or above {@link #PAUSE_LEVEL} (−40 dB) of the example's
 * loudest frame, and L_l,i = log10(Σ_{t∈S_i} Σ_b m E_y max(0, ĝ − g)² / Σ_{t∈S_i} C_t +
 * {@link #LEAK_FLOOR}): the noise the output leaves above the target during speech, relative to
 * that speech, floored at −40 dB. The term is its batch mean; an example without speech adds a
 * constant. Why: in session 24 (docs/training-log.md) the oracle's gains wherever the network's
 * lay above them in speech frames alone (pauses untouched) raised DNSMOS OVRL at 48 kHz from 2.55
 * to 2.69; the signal-domain part weighs that error symmetrically and by energy, so noise left in
 * the weaker bands of a speech frame counts next to nothing. Measured in session 27: it trades
 * STOI for BAK like the pause part (ρ = 0.25: +0.02 OVRL at 48 kHz, none at 8 kHz, 8 kHz STOI
 * below the input at −5 and 0 dB), so no shipped model uses it yet.
 *
 * <p>Labels: (gains, strengths, mask[, energies[, pause factors, speech factors]]); predictions: (gains, strengths[, snr]); all
 * (batch, frames, 34) except snr, (batch, frames, 1). A term whose inputs are absent (no
 * energies, no SNR output) is left out, so the dev loss, whose labels carry no energies, stays
 * the perceptual and over-attenuation part alone.
 */
public final class EnhancerLoss extends Loss {
    /** Compression exponent. */
    public static final float GAMMA = 0.5f;
    /** Weight of the quartic term. */
    public static final float C4 = 10f;
    /** Input error floor of the signal-domain term, relative to the speech energy (−20 dB). */
    public static final float SPEECH_FLOOR = 0.01f;
    /** Floor of the error ratio of the signal-domain term (an improvement cap of 30 dB). */
    public static final float RATIO_FLOOR = 1e-3f;
    /** Clean frame energy below which, relative to the example's loudest frame, a frame is a pause (−40 dB). */
    public static final float PAUSE_LEVEL = 1e-4f;
    /** Floor of the pause part's energy ratio (−60 dB). */
    public static final float PAUSE_FLOOR = 1e-6f;
    /** Clean frame energy, relative to the example's loudest frame, up to which a frame is weak speech (−20 dB). */
    public static final float WEAK_LEVEL = 1e-2f;
    /** Floor of the weak-speech part's energy ratio (−30 dB). */
    public static final float WEAK_FLOOR = 1e-3f;
    /** Floor of the leak part's energy ratio (−40 dB). */
    public static final float LEAK_FLOOR = 1e-4f;
    private static final float EPS = 1e-6f;
    private static final int[] BANDS = {2};
    private static final int[] FRAMES = {1};
    private final LossWeights w;

    /** Creates the perceptual loss alone. */
    public EnhancerLoss() {
        this(LossWeights.NONE);
    }

    /** @param weights the weights of the optional terms (0 = term left out) */
    public EnhancerLoss(LossWeights weights) {
        super("enhancer");
        this.w = Objects.requireNonNull(weights, "weights");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray speechScale = labels.size() > 5 ? labels.get(5) : null;
        NDArray loss = bandTerms(labels.get(0), labels.get(1), labels.get(2), predictions.get(0), predictions.get(1),
                speechScale);
        if (labels.size() < 4) {
            return loss;
        }
        if (w.snr() > 0f && predictions.size() > 2) {
            NDArray t = FrameSnr.target(labels.get(0), labels.get(2), labels.get(3));
            loss = loss.add(t.sub(predictions.get(2)).square().mean().mul(w.snr()));
        }
        if (!w.weighsByEnergy()) {
            return loss;
        }
        NDArray pauseScale = labels.size() > 4 ? labels.get(4) : null;
        return addEnergyTerms(loss, labels.get(0), predictions.get(0), labels.get(3).mul(labels.get(2)), pauseScale,
                speechScale);
    }

    /**
     * The perceptual part and, with μ &gt; 0, the over-attenuation part (class comment), as one
     * scalar. Gains, strengths and mask are [batch, frames, bands]; {@code speechScale} [batch], a factor
     * on each example's share of the over-attenuation part, or null for 1.
     */
    private NDArray bandTerms(NDArray target, NDArray strength, NDArray mask, NDArray gains, NDArray strengthOut,
            NDArray speechScale) {
        NDArray g = target.add(EPS).pow(GAMMA);
        NDArray r = strength.neg().add(1 + EPS).pow(GAMMA);
        NDArray gp = gains.add(EPS).pow(GAMMA);
        NDArray rp = strengthOut.neg().add(1 + EPS).pow(GAMMA);
        NDArray dg = g.sub(gp);
        NDArray dg2 = dg.square();
        NDArray lg = dg2.add(dg2.square().mul(C4));
        NDArray lr = r.sub(rp).square();
        NDArray loss = lg.add(lr).mul(mask).sum().div(mask.sum().add(1f));
        if (w.overAttenuation() > 0f) {
            NDArray cut = dg.maximum(0f).square().mul(mask);
            if (speechScale != null) {
                cut = cut.mul(speechScale.reshape(-1, 1, 1));
            }
            NDArray under = cut.sum().div(mask.sum().add(1f));
            loss = loss.add(under.mul(w.overAttenuation()));
        }
        return loss;
    }

    /**
     * Adds the pause, weak-speech, leak and signal-domain parts whose weights are set, in that
     * order (class comment). {@code weight} is [batch, frames, bands] (mask times band energy),
     * {@code pauseScale} [batch] a factor on each example's pause part and {@code speechScale} [batch] one
     * on its weak-speech part, each or null for 1.
     */
    private NDArray addEnergyTerms(NDArray loss, NDArray target, NDArray gains, NDArray weight, NDArray pauseScale,
            NDArray speechScale) {
        if (w.pause() > 0f || w.weak() > 0f || w.leak() > 0f) {
            NDArray clean = target.square().mul(weight).sum(BANDS);
            NDArray loudest = clean.max(FRAMES, true);
            if (w.pause() > 0f) {
                loss = loss.add(pauseTerm(gains, weight, clean, loudest, pauseScale).mul(w.pause()));
            }
            if (w.weak() > 0f) {
                loss = loss.add(weakTerm(target, gains, weight, clean, loudest, speechScale).mul(w.weak()));
            }
            if (w.leak() > 0f) {
                loss = loss.add(leakTerm(target, gains, weight, clean, loudest).mul(w.leak()));
            }
        }
        return w.sdr() == 0f ? loss : loss.add(signalTerm(target, gains, weight).mul(w.sdr()));
    }

    /**
     * The pause term's batch mean of log10(residual in pauses / speech energy + floor) (class comment),
     * each example's value times its {@code scale} when one is given.
     * {@code weight} is [batch, frames, bands] (mask times band energy), {@code clean} the weighted clean
     * energy per frame [batch, frames], {@code loudest} its per-example maximum [batch, 1] and
     * {@code scale} [batch] or null.
     */
    private static NDArray pauseTerm(NDArray gains, NDArray weight, NDArray clean, NDArray loudest, NDArray scale) {
        NDArray pause = clean.lt(loudest.mul(PAUSE_LEVEL)).toType(DataType.FLOAT32, false);
        NDArray residual = gains.square().mul(weight).sum(BANDS).mul(pause).sum(FRAMES);
        NDArray perExample = residual.div(clean.sum(FRAMES).add(1e-20f)).add(PAUSE_FLOOR).log10();
        return (scale == null ? perExample : perExample.mul(scale)).mean();
    }

    /**
     * The weak-speech term's batch mean of log10(speech cut in weak frames / their speech + floor) (class
     * comment), each example's value times its {@code scale} when one is given; shapes as for {@link
     * #pauseTerm}, {@code target} and {@code gains} [batch, frames, bands].
     */
    private static NDArray weakTerm(NDArray target, NDArray gains, NDArray weight, NDArray clean,
            NDArray loudest, NDArray scale) {
        NDArray weak = clean.gte(loudest.mul(PAUSE_LEVEL)).logicalAnd(clean.lt(loudest.mul(WEAK_LEVEL)));
        NDArray perExample = oneSidedRatio(target.sub(gains), weight, clean, weak, WEAK_FLOOR);
        return (scale == null ? perExample : perExample.mul(scale)).mean();
    }

    /**
     * The leak term's batch mean of log10(noise left in speech frames / their speech + floor) (class
     * comment); shapes as for {@link #weakTerm}.
     */
    private static NDArray leakTerm(NDArray target, NDArray gains, NDArray weight, NDArray clean,
            NDArray loudest) {
        NDArray speech = clean.gte(loudest.mul(PAUSE_LEVEL)).logicalAnd(loudest.gt(0f));
        return oneSidedRatio(gains.sub(target), weight, clean, speech, LEAK_FLOOR).mean();
    }

    /**
     * Per example [batch], log10(Σ_{t∈S} Σ_b weight max(0, difference)² / Σ_{t∈S} clean + floor), S the
     * frames where {@code selected} (boolean [batch, frames]) is true: the shared form of the weak-speech
     * and leak terms; {@code difference} and {@code weight} [batch, frames, bands], {@code clean}
     * [batch, frames].
     */
    private static NDArray oneSidedRatio(NDArray difference, NDArray weight, NDArray clean, NDArray selected,
            float floor) {
        NDArray frames = selected.toType(DataType.FLOAT32, false);
        NDArray error = difference.maximum(0f).square().mul(weight).sum(BANDS).mul(frames).sum(FRAMES);
        return error.div(clean.mul(frames).sum(FRAMES).add(1e-20f)).add(floor).log10();
    }

    /**
     * The signal-domain term's batch mean of log10(D_i / N_i + floor) (class comment); {@code target},
     * {@code gains} and {@code weight} (mask times band energy) are [batch, frames, bands].
     */
    private static NDArray signalTerm(NDArray target, NDArray gains, NDArray weight) {
        int[] perExample = {1, 2};
        NDArray error = target.sub(gains).square().mul(weight).sum(perExample);
        NDArray input = target.neg().add(1f).square().mul(weight).sum(perExample)
                .add(target.square().mul(weight).sum(perExample).mul(SPEECH_FLOOR));
        return error.div(input.add(1e-20f)).add(RATIO_FLOOR).log10().mean();
    }
}
