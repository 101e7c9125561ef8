package dev.quell.train;

import java.io.IOException;
import java.util.Random;

/**
 * The noise bed both mixers start from, before any layer is added: babble of 3-6 other talkers in
 * 15 % of the mixtures, else one noise, with a second one 0-10 dB under it in 30 % of those when
 * the recipe layers noises. The mixers differ only in where talkers and noises come from.
 */
final class NoiseBed {

    /** Share of the mixtures whose noise is babble. */
    static final double BABBLE_SHARE = 0.15;
    /** Share of the single-noise mixtures that get a second noise (when layering). */
    static final double SECOND_NOISE_SHARE = 0.3;
    /** Level the bed, each talker's upper level and the first noise are normalised to, dBFS. */
    static final double LEVEL_DBFS = -25;

    /** Where n samples at 48 kHz of one talker or one noise come from, drawing from {@code r}. */
    @FunctionalInterface
    interface Source {
        float[] next(Random r, int n) throws IOException;
    }

    private NoiseBed() {
    }

    /**
     * Draws one noise bed. The draws from {@code r} come in a fixed order (babble or not, talker
     * count, each talker then its level; or the noise, then the layering draw only when
     * {@code layered}), so a recipe's mixtures stay reproducible from their seed.
     *
     * @param n       length, samples at 48 kHz, ≥ 1
     * @param r       the mixture's random draws
     * @param talkers source of one babble talker (each is set 0-3 dB under -25 dBFS)
     * @param noises  source of one noise
     * @param layered whether a second noise may be laid under the first
     * @return n samples, normalised to -25 dBFS
     * @throws IOException when a source cannot read its audio
     */
    static float[] draw(int n, Random r, Source talkers, Source noises, boolean layered) throws IOException {
        float[] noise;
        if (r.nextDouble() < BABBLE_SHARE) {
            noise = new float[n];
            int count = 3 + r.nextInt(4);
            for (int t = 0; t < count; t++) {
                float[] other = talkers.next(r, n);
                MixtureGenerator.normalise(other, LEVEL_DBFS - 3 * r.nextDouble());
                MixtureGenerator.add(noise, other, 1f);
            }
        } else {
            noise = noises.next(r, n);
            if (layered && r.nextDouble() < SECOND_NOISE_SHARE) {
                MixtureGenerator.normalise(noise, LEVEL_DBFS);
                float[] second = noises.next(r, n);
                MixtureGenerator.normalise(second, LEVEL_DBFS - 10 * r.nextDouble());
                MixtureGenerator.add(noise, second, 1f);
            }
        }
        MixtureGenerator.normalise(noise, LEVEL_DBFS);
        return noise;
    }
}
