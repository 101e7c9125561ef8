package dev.quell.train;

import dev.quell.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a shard of precomputed training examples. Layout (big-endian, java.io.DataOutput):
 * magic "QSHD", int version 1, int examples, int frames per example, int feature count, int
 * bands, int look-ahead; then per example and frame: features, gains, strengths, mask (floats).
 * Written to a temporary file and moved into place, so a shard either exists whole or not at all
 * (generation can be stopped and resumed at any time).
 */
public final class ShardWriter {
    /** Shard format version. */
    public static final int VERSION = 1;

    private ShardWriter() {
    }

    /**
     * @param file destination
     * @param examples extracted examples, all with the same number of frames
     * @param lookahead look-ahead the targets were computed for
     * @throws IOException if writing fails
     */
    public static void write(Path file, java.util.List<TargetExtractor.Frames> examples, int lookahead) throws IOException {
        int frames = examples.get(0).features().length;
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
            out.writeBytes("QSHD");
            out.writeInt(VERSION);
            out.writeInt(examples.size());
            out.writeInt(frames);
            out.writeInt(examples.get(0).features()[0].length);
            out.writeInt(examples.get(0).gains()[0].length);
            out.writeInt(lookahead);
            for (TargetExtractor.Frames e : examples) {
                if (e.features().length != frames) {
                    throw new IllegalArgumentException("examples differ in length");
                }
                for (int t = 0; t < frames; t++) {
                    for (float v : e.features()[t]) {
                        out.writeFloat(v);
                    }
                    for (float v : e.gains()[t]) {
                        out.writeFloat(v);
                    }
                    for (float v : e.strengths()[t]) {
                        out.writeFloat(v);
                    }
                    for (float v : e.mask()[t]) {
                        out.writeFloat(v);
                    }
                }
            }
            out.flush();
        });
    }
}
