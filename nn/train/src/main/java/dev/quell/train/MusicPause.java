package dev.quell.train;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heavier pause term for the examples whose noise is loud music (option
 * {@code musicpause=FACTOR@FROM-TO}): in the shards numbered FROM..TO, which must have been made
 * with recipe 15 or later on a corpus with music, each example that {@link RealWorldMixer} gave
 * loud music alone ({@link RealWorldMixer#drawsLoudMusic}, from the example's seed
 * k · 1,000,003 + i of shard k, {@link MakeShards}) has its pause part weighed FACTOR times
 * ({@link EnhancerLoss}, the per-example factor label); every other example keeps factor 1.
 *
 * <p>Why: on the dev pairs' music on hold at −5 and 0 dB input the network leaves the music in
 * speech pauses about 22 dB below the voice, other noise 35 dB below; a heavier pause term for
 * every example took weak speech with the pauses (docs/training-log.md, sessions 26 and 27). This
 * asks for clean pauses only where the noise is music, which the network has to recognise.
 *
 * @param factor weight of the pause part of a loud-music example relative to the others, ≥ 0
 * @param fromShard first shard number the rule applies to
 * @param toShard last shard number the rule applies to, ≥ fromShard
 */
record MusicPause(float factor, int fromShard, int toShard) {
    private static final Pattern SYNTAX = Pattern.compile("([0-9.eE+-]+)@(\\d+)-(\\d+)");
    private static final Pattern SHARD = Pattern.compile("shard-L\\d+-(\\d+)\\.bin");

    /** Checks the factor and the range. */
    MusicPause {
        if (!(factor >= 0f) || Float.isInfinite(factor) || toShard < fromShard || fromShard < 0) {
            throw new IllegalArgumentException("musicpause needs FACTOR@FROM-TO with a finite factor >= 0 and"
                    + " FROM <= TO: " + factor + "@" + fromShard + "-" + toShard);
        }
    }

    /**
     * @param text {@code FACTOR@FROM-TO}, e.g. {@code 3@2000-2079}
     * @return the rule
     * @throws IllegalArgumentException if the text does not have that form or the values are out of range
     */
    static MusicPause parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("musicpause needs FACTOR@FROM-TO, e.g. 3@2000-2079: " + text);
        }
        return new MusicPause(Float.parseFloat(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /**
     * @param shard a shard file, named {@code shard-L<lookahead>-<number>.bin}
     * @param examples the number of examples it holds
     * @return per example, the factor of its pause part (1 or {@link #factor}); all 1 for a shard
     *     outside the range or with another name
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
}
