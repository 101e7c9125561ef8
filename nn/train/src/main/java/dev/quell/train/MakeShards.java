package dev.quell.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line generator of training shards:
 * {@code MakeShards DATA_DIRS OUT_DIR FIRST_SHARD SHARD_COUNT [EXAMPLES_PER_SHARD] [SECONDS] [LOOKAHEAD] [RECIPE]}.
 * Shard k holds examples with seeds k * 1_000_003 + i of the given {@link MixtureGenerator}
 * recipe (default: the latest), so any shard can be regenerated exactly;
 * existing shards are skipped, so the command resumes where it stopped.
 */
public final class MakeShards {
    private MakeShards() {
    }

    /**
     * @param shard shard number k (≥ 0)
     * @param example example index i in the shard (≥ 0)
     * @return the seed of that example's mixture, k · 1,000,003 + i
     */
    static long seed(long shard, int example) {
        return shard * 1_000_003L + example;
    }

    /**
     * @param args DATA_DIRS (data folders separated by ':', e.g. the pack and the Debian catalogue) OUT_DIR FIRST_SHARD SHARD_COUNT [EXAMPLES_PER_SHARD=64] [SECONDS=4] [LOOKAHEAD=2] [RECIPE=latest]
     * @throws IOException on I/O failure
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: MakeShards DATA_DIR OUT_DIR FIRST_SHARD SHARD_COUNT [EXAMPLES_PER_SHARD] [SECONDS] [LOOKAHEAD] [RECIPE]");
            System.exit(2);
        }
        Path out = Paths.get(args[1]);
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int perShard = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        double seconds = args.length > 5 ? Double.parseDouble(args[5]) : 4.0;
        int lookahead = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        int recipe = args.length > 7 ? Integer.parseInt(args[7]) : MixtureGenerator.LATEST_RECIPE;
        MixtureGenerator gen = new MixtureGenerator(new TrainingCorpus(TrainingCorpus.folders(args[0])), recipe);
        Files.createDirectories(out);
        for (int k = first; k < first + count; k++) {
            Path file = out.resolve(String.format("shard-L%d-%05d.bin", lookahead, k));
            if (Files.exists(file)) {
                continue;
            }
            long t0 = System.nanoTime();
            List<TargetExtractor.Frames> examples = new ArrayList<>();
            for (int i = 0; i < perShard; i++) {
                MixtureGenerator.Mixture m = gen.generate(seed(k, i), seconds);
                examples.add(TargetExtractor.extract(m.clean(), m.noisy(), m.bandLimitHz(), lookahead));
            }
            ShardWriter.write(file, examples, lookahead);
            System.out.printf("%s: %d examples in %.1f s%n", file.getFileName(), perShard, (System.nanoTime() - t0) / 1e9);
        }
    }
}
