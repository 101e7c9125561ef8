package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardReaderTest {
    private static final int FRAMES = 5;
    private static final int FEATURES = 7;
    private static final int BANDS = 3;

    @TempDir
    Path dir;

    /** Every value tells where it belongs: example, frame, array and index. */
    private static float value(int example, int frame, int array, int i) {
        return example * 1000 + frame * 100 + array * 10 + i + 0.25f;
    }

    private static float[][] block(int example, int array, int width) {
        float[][] a = new float[FRAMES][width];
        for (int t = 0; t < FRAMES; t++) {
            for (int i = 0; i < width; i++) {
                a[t][i] = value(example, t, array, i);
            }
        }
        return a;
    }

    private Path writeShard(int examples) throws IOException {
        List<TargetExtractor.Frames> list = new ArrayList<>();
        for (int e = 0; e < examples; e++) {
            list.add(new TargetExtractor.Frames(block(e, 0, FEATURES), block(e, 1, BANDS), block(e, 2, BANDS), block(e, 3, BANDS)));
        }
        Path file = dir.resolve("shard-L1-00000.bin");
        ShardWriter.write(file, list, 1);
        return file;
    }

    @Test
    void readsBackWhatTheWriterWrote() throws IOException {
        ShardReader.Shard s = ShardReader.read(writeShard(3));
        assertEquals(3, s.examples());
        assertEquals(FRAMES, s.frames());
        assertEquals(FEATURES, s.featureCount());
        assertEquals(BANDS, s.bands());
        assertEquals(1, s.lookahead());
        float[][] arrays = {s.features(), s.gains(), s.strengths(), s.mask()};
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < FRAMES; t++) {
                for (int a = 0; a < 4; a++) {
                    int width = a == 0 ? FEATURES : BANDS;
                    float[] want = new float[width];
                    for (int i = 0; i < width; i++) {
                        want[i] = value(e, t, a, i);
                    }
                    int at = (e * FRAMES + t) * width;
                    assertArrayEquals(want, Arrays.copyOfRange(arrays[a], at, at + width), "example " + e + " frame " + t + " array " + a);
                }
            }
        }
    }

    @Test
    void refusesTruncatedLongerAndForeignFilesNamingThem() throws IOException {
        Path good = writeShard(2);
        byte[] bytes = Files.readAllBytes(good);

        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
        IOException e = assertThrows(IOException.class, () -> ShardReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated shard"), e.getMessage());

        Path headerOnly = dir.resolve("header.bin");
        Files.write(headerOnly, Arrays.copyOf(bytes, 10));
        e = assertThrows(IOException.class, () -> ShardReader.read(headerOnly));
        assertTrue(e.getMessage().startsWith(headerOnly + ": truncated shard"), e.getMessage());

        Path longer = dir.resolve("longer.bin");
        Files.write(longer, Arrays.copyOf(bytes, bytes.length + 4));
        e = assertThrows(IOException.class, () -> ShardReader.read(longer));
        assertTrue(e.getMessage().startsWith(longer + ": shard longer than its header"), e.getMessage());

        Path foreign = dir.resolve("foreign.bin");
        byte[] other = bytes.clone();
        other[0] = 'X';
        Files.write(foreign, other);
        e = assertThrows(IOException.class, () -> ShardReader.read(foreign));
        assertEquals(foreign + ": not a training shard", e.getMessage());
    }
}
