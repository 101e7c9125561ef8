package dev.quell.train;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-example factor on one loss part for the examples whose noise is loud music (options
 * {@code musicpause=FACTOR@FROM-TO} and {@code musicspeech=FACTOR@FROM-TO}): in the shards numbered
 * FROM..TO, which must have been made with recipe 15 or later on a corpus with music, each example
 * that {@link RealWorldMixer} gave loud music alone ({@link RealWorldMixer#drawsLoudMusic}, from
 * the example's seed k · 1,000,003 + i of shard k, {@link MakeShards}) has the part weighed FACTOR
 * times ({@link EnhancerLoss}, the per-example factor labels); every other example keeps factor 1.
 *
 * <p>{@code musicpause} weighs the pause part. Why: on the dev pairs' music on hold at −5 and 0 dB
 * input the network left the music in speech pauses about 22 dB below the voice, other noise 35 dB
 * below; a heavier pause term for every example took weak speech with the pauses
 * (docs/training-log.md, sessions 26, 27 and 43).
 *
 * <p>{@code musicspeech} weighs the parts that charge for cut speech (over-attenuation and weak
 * speech). Why: under the dev pairs' music on hold model v2's DNSMOS SIG is 0.39 below the oracle's
 * (docs/training-log.md, session 54): it takes speech with the music.
 *
 * @param option the option's name, for messages ({@code musicpause} or {@code musicspeech})
 * @param factor weight of the part for a loud-music example relative to the others, ≥ 0
 * @param fromShard first shard number the rule applies to
 * @param toShard last shard number the rule applies to, ≥ fromShard
 */
record LoudMusicFactor(String option, float factor, int fromShard, int toShard) {
    private static final Pattern SYNTAX = Pattern.compile("([0-9.eE+-]+)@(\\d+)-(\\d+)");
    private static final Pattern SHARD = Pattern.compile("shard-L\\d+-(\\d+)\\.bin");

    /** Checks the factor and the range. */
    LoudMusicFactor {
        if (!(factor >= 0f) || Float.isInfinite(factor) || toShard < fromShard || fromShard < 0) {
            throw new IllegalArgumentException(option + " needs FACTOR@FROM-TO with a finite factor >= 0 and"
                    + " FROM <= TO: " + factor + "@" + fromShard + "-" + toShard);
        }
    }

    /**
     * @param option the option's name, for messages
     * @param text {@code FACTOR@FROM-TO}, e.g. {@code 3@2000-2079}
     * @return the rule
     * @throws IllegalArgumentException if the text does not have that form or the values are out of range
     */
    static LoudMusicFactor parse(String option, String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " needs FACTOR@FROM-TO, e.g. 3@2000-2079: " + text);
        }
        return new LoudMusicFactor(option, Float.parseFloat(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /**
     * @param shard a shard file, named {@code shard-L<lookahead>-<number>.bin}
     * @param examples the number of examples it holds
     * @return per example, its factor (1 or {@link #factor}); all 1 for a shard outside the range
     *     or with another name
     */
    float[] factors(Path shard, int examples) {
        float[] f = new float[examples];
        java.util.Arrays.fill(f, 1f);
        Matcher m = SHARD.matcher(shard.getFileName().toString());
        if (!m.matches()) {
            return f;
        }
        long k = Long.parseLong(m.group(1));
        if (k < fromShard || k > toShard) {
            return f;
        }
        for (int i = 0; i < examples; i++) {
            if (RealWorldMixer.drawsLoudMusic(MakeShards.seed(k, i))) {
                f[i] = factor;
            }
        }
        return f;
    }

    /**
     * @param rule a rule, or null for none
     * @param shard as for {@link #factors}
     * @param examples as for {@link #factors}
     * @return the rule's factors, or null without a rule
     */
    static float[] factorsOrNull(LoudMusicFactor rule, Path shard, int examples) {
        return rule == null ? null : rule.factors(shard, examples);
    }
}
