package dev.quell.train;

import dev.quell.dsp.Features;
import dev.quell.dsp.FrameFormat;
import java.util.Random;

/**
 * Level augmentation on stored features: presents an example as if its audio (noisy input and
 * target alike) had been scaled by a gain of d dB, without recomputing the features.
 *
 * <p>Why it is exact enough: scaling the signal by a = 10^(d/20) scales every band energy by
 * a² = 10^(d/10); the band gains, comb strengths and mask are ratios and do not change, and the
 * coherences and the pitch are normalised correlations. So only the 34 log-energy features move:
 * with f = log10(E + floor) ({@link Features}), the shifted value is
 * log10(10^(d/10) (10^f - floor) + floor). Measured with {@code TargetExtractor} on generated
 * mixtures at -20, +15 and +30 dB (see {@code LevelShiftTest}): in bands with content this matches
 * the features of the scaled audio to about 1e-3; the exceptions are bands at the energy floor
 * (empty bands above a low-pass, whose coherence is then numerical noise) and pitch decisions
 * near a tie, which flip with rounding.
 *
 * <p>Why it is needed: the mixtures of the shards put speech at -65..-15 dBFS RMS, and the
 * shipped model was measured losing SI-SDR on loud input (dev pairs scaled by +15 dB: 0.46 dB
 * below the native level, which is itself 0.2 dB below the dev pairs scaled by -15 dB).
 *
 * @param lowDb lowest gain in dB
 * @param highDb highest gain in dB (≥ lowDb)
 */
public record LevelShift(double lowDb, double highDb) {
    /**
     * @throws IllegalArgumentException if the range is empty or not finite
     */
    public LevelShift {
        if (!(lowDb <= highDb) || Double.isInfinite(lowDb) || Double.isInfinite(highDb)) {
            throw new IllegalArgumentException("level range must be LO,HI dB with LO <= HI: " + lowDb + ", " + highDb);
        }
    }

    /**
     * Parses the {@code level=} option.
     *
     * @param text "LO,HI" in dB, e.g. "-5,20"
     * @return the range
     * @throws IllegalArgumentException if the text is not two numbers or the range is empty
     */
    public static LevelShift parse(String text) {
        String[] p = text.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException("level must be LO,HI in dB, e.g. -5,20: '" + text + "'");
        }
        try {
            return new LevelShift(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("level must be LO,HI in dB, e.g. -5,20: '" + text + "'", e);
        }
    }

    /**
     * @param rng generator
     * @return a gain in dB, uniform in lowDb..highDb
     */
    public double draw(Random rng) {
        return lowDb + (highDb - lowDb) * rng.nextDouble();
    }

    /**
     * Copies the raw (unnormalised) features of one example, shifting its log band energies.
     *
     * @param raw raw features, frame-major, {@code featureCount} values per frame
     * @param from first value of the example in raw
     * @param frames number of frames
     * @param featureCount features per frame ({@link Features#COUNT})
     * @param gainDb the gain in dB
     * @param out destination, frames * featureCount values from {@code to}
     * @param to first value in out
     */
    public void apply(float[] raw, int from, int frames, int featureCount, double gainDb, float[] out, int to) {
        double power = Math.pow(10, gainDb / 10);
        System.arraycopy(raw, from, out, to, frames * featureCount);
        for (int f = 0; f < frames; f++) {
            int base = to + f * featureCount + Features.ENERGY;
            for (int b = 0; b < FrameFormat.BANDS; b++) {
                double energy = Math.max(0, Math.pow(10, out[base + b]) - Features.ENERGY_FLOOR);
                out[base + b] = (float) Math.log10(power * energy + Features.ENERGY_FLOOR);
            }
        }
    }
}
