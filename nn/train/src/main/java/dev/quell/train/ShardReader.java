package dev.quell.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a shard written by {@link ShardWriter} into flat arrays, example-major:
 * features [examples * frames * featureCount], targets [examples * frames * bands] each.
 */
public final class ShardReader {
    /**
     * Shard contents.
     *
     * @param examples number of examples
     * @param frames frames per example
     * @param featureCount features per frame
     * @param bands bands per frame
     * @param lookahead look-ahead the targets were computed for
     * @param features features
     * @param gains target gains
     * @param strengths target strengths
     * @param mask loss mask
     */
    public record Shard(int examples, int frames, int featureCount, int bands, int lookahead,
                        float[] features, float[] gains, float[] strengths, float[] mask) {
    }

    private ShardReader() {
    }

    /**
     * @param file a shard file
     * @return its contents
     * @throws IOException if the file is unreadable, truncated or not a shard (names the file)
     */
    public static Shard read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            byte[] magic = new byte[4];
            in.readFully(magic);
            if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("QSHD")) {
                throw new IOException(file + ": not a training shard");
            }
            int version = in.readInt();
            if (version != ShardWriter.VERSION) {
                throw new IOException(file + ": unsupported shard version " + version);
            }
            int examples = in.readInt();
            int frames = in.readInt();
            int nf = in.readInt();
            int nb = in.readInt();
            int lookahead = in.readInt();
            float[] f = new float[examples * frames * nf];
            float[] g = new float[examples * frames * nb];
            float[] r = new float[examples * frames * nb];
            float[] m = new float[examples * frames * nb];
            for (int e = 0; e < examples; e++) {
                for (int t = 0; t < frames; t++) {
                    int fi = (e * frames + t) * nf;
                    int bi = (e * frames + t) * nb;
                    for (int i = 0; i < nf; i++) {
                        f[fi + i] = in.readFloat();
                    }
                    for (int i = 0; i < nb; i++) {
                        g[bi + i] = in.readFloat();
                    }
                    for (int i = 0; i < nb; i++) {
                        r[bi + i] = in.readFloat();
                    }
                    for (int i = 0; i < nb; i++) {
                        m[bi + i] = in.readFloat();
                    }
                }
            }
            return new Shard(examples, frames, nf, nb, lookahead, f, g, r, m);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated shard", e);
        }
    }
}
