package dev.quell.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
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

    /** Bytes before the first float: magic, version, examples, frames, features, bands, look-ahead. */
    static final int HEADER_BYTES = 28;

    /**
     * Reads the whole file in one go and copies its big-endian floats (as {@link ShardWriter}'s
     * {@code DataOutputStream} wrote them) in bulk; a shard of 64 four-second examples with 70
     * features is 17.6 MB.
     *
     * @param file a shard file
     * @return its contents
     * @throws IOException if the file is unreadable, truncated, longer than its header says or not a
     *     shard (names the file)
     */
    public static Shard read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        if (bytes.remaining() < HEADER_BYTES) {
            throw new IOException(file + ": truncated shard");
        }
        byte[] magic = new byte[4];
        bytes.get(magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("QSHD")) {
            throw new IOException(file + ": not a training shard");
        }
        int version = bytes.getInt();
        if (version != ShardWriter.VERSION) {
            throw new IOException(file + ": unsupported shard version " + version);
        }
        int examples = bytes.getInt();
        int frames = bytes.getInt();
        int nf = bytes.getInt();
        int nb = bytes.getInt();
        int lookahead = bytes.getInt();
        long floats = (long) examples * frames * (nf + 3L * nb);
        if (examples < 0 || frames < 0 || nf < 0 || nb < 0 || floats * 4 > Integer.MAX_VALUE) {
            throw new IOException(file + ": not a training shard (header sizes " + examples + " x " + frames
                    + " x (" + nf + " + 3 x " + nb + "))");
        }
        if (bytes.remaining() != floats * 4) {
            throw new IOException(file + ": " + (bytes.remaining() < floats * 4 ? "truncated shard" : "shard longer than its header")
                    + " (" + bytes.remaining() + " bytes of floats, header says " + floats * 4 + ")");
        }
        FloatBuffer in = bytes.asFloatBuffer();
        float[] f = new float[examples * frames * nf];
        float[] g = new float[examples * frames * nb];
        float[] r = new float[examples * frames * nb];
        float[] m = new float[examples * frames * nb];
        for (int t = 0; t < examples * frames; t++) {
            in.get(f, t * nf, nf);
            in.get(g, t * nb, nb);
            in.get(r, t * nb, nb);
            in.get(m, t * nb, nb);
        }
        return new Shard(examples, frames, nf, nb, lookahead, f, g, r, m);
    }
}
