package dev.quell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile WAV headers (the fuzzing issue's hand-made set): each gets one line on stderr naming the
 * file (then the batch summary line "quell: 1 of 1 file(s) failed"), no stack trace, exit code 1,
 * within a second, and allocates no more than a normal small file does. Data merely shorter than
 * declared (4 GiB in 1 kB) is enhanced as far as it goes, as sox reads it, with the truncation
 * warning as its one line and "damaged" in the summary line, and also exits 1.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    /** A RIFF/WAVE file with a fmt chunk of the given fields and a data chunk declaring dataSize. */
    private static byte[] wav(int fmtSize, int format, int channels, int rate, int bits, long dataSize, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + Math.max(fmtSize, 0) + 8 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * ((bits + 7) / 8);
        f.putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits);
        b.put(f.array(), 0, Math.min(fmtSize, 16));
        for (int i = 16; i < fmtSize; i++) {
            b.put((byte) 0);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize);
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    private record Run(int rc, String err, long bytes, double seconds) {
    }

    private Run enhance(String name, byte[] content) throws IOException {
        Path in = dir.resolve(name);
        Files.write(in, content);
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long a0 = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        int rc;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            rc = QuellCli.commandLine().setErr(new java.io.PrintWriter(System.err, true))
                    .execute("enhance", in.toString(), "-o", dir.resolve("out-" + name).toString(), "--quiet");
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return new Run(rc, e.toString(StandardCharsets.UTF_8), mx.getThreadAllocatedBytes(tid) - a0, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void hostileHeadersGetOneLineQuicklyAndCheaply() throws IOException {
        // a normal small file first: the allocation yardstick (its engine is built and warmed, as any file's)
        Run normal = enhance("normal.wav", wav(16, 1, 1, 48_000, 16, 960, 960));
        assertEquals(0, normal.rc(), normal.err());
        Object[][] cases = {
            {"zero-channels.wav", wav(16, 1, 0, 48_000, 16, 1000, 1000), "channel"},
            {"65535-channels.wav", wav(16, 1, 65_535, 48_000, 16, 1000, 1000), "channels"},
            {"rate-zero.wav", wav(16, 1, 1, 0, 16, 1000, 1000), "rate"},
            {"rate-2e31.wav", wav(16, 1, 1, Integer.MIN_VALUE, 16, 1000, 1000), "rate"},
            {"short-fmt.wav", wav(12, 1, 1, 48_000, 16, 1000, 1000), "fmt"},
            {"bits-zero.wav", wav(16, 1, 1, 48_000, 0, 1000, 1000), ""},
            {"format-unknown.wav", wav(16, 0x55, 1, 48_000, 16, 1000, 1000), ""},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            Run r = enhance(name, (byte[]) c[1]);
            String all = r.err().strip();
            assertEquals(1, r.rc(), name + ": " + all);
            assertEquals(java.util.List.of("quell: 1 of 1 file(s) failed"), all.lines().skip(1).toList(), name + ":\n" + all);
            String msg = all.lines().findFirst().orElse("");
            assertTrue(msg.startsWith("quell: ") && msg.contains(name) && msg.toLowerCase().contains((String) c[2]), name + ": " + msg);
            assertFalse(msg.contains("Exception") || msg.contains("\tat "), name + ": " + msg);
            assertTrue(r.seconds() < 1.0, name + ": " + r.seconds() + " s");
            assertTrue(r.bytes() <= normal.bytes(), name + ": allocated " + r.bytes() + " bytes, a normal small file " + normal.bytes());
        }
        // data declared as almost 4 GiB in a 1 kB file: read to its end with the truncation warning (as sox), exit 1
        // measured on its second run: the first also loads the classes of the warning and damaged-file path
        enhance("claims-4GiB-first.wav", wav(16, 1, 1, 48_000, 16, 0xFFFF_FF00L, 1000));
        Run trunc = enhance("claims-4GiB.wav", wav(16, 1, 1, 48_000, 16, 0xFFFF_FF00L, 1000));
        assertEquals(1, trunc.rc(), trunc.err());
        List<String> lines = trunc.err().strip().lines().toList();
        assertEquals(2, lines.size(), trunc.err());
        assertTrue(lines.get(0).startsWith("quell: warning: ") && lines.get(0).contains("claims-4GiB.wav")
                && lines.get(0).contains("truncated"), lines.get(0));
        assertEquals("quell: 1 of 1 file(s) damaged (enhanced as far as they go)", lines.get(1));
        // as much as the normal small file plus its warning and damaged-file summary (measured: 8 kB more);
        // trusting the declared 4 GiB would allocate gigabytes
        assertTrue(trunc.seconds() < 1.0 && trunc.bytes() <= normal.bytes() + 65_536,
                trunc.seconds() + " s, " + trunc.bytes() + " bytes, a normal small file " + normal.bytes());
    }

    @Test
    void chunkSizesThatLoopOrOverflowEndTheWalk() throws IOException {
        assertEquals(0, enhance("normal.wav", wav(16, 1, 1, 48_000, 16, 960, 960)).rc()); // the model is loaded once, before
        // a chunk whose size wraps the position back (0xFFFFFFF8 + 8 = 0 mod 2^32), and one past the end
        for (long size : new long[] {0xFFFF_FFF8L, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
            ByteBuffer b = ByteBuffer.allocate(12 + 8 + 4 + 8 + 16 + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
            b.put("junk".getBytes(StandardCharsets.US_ASCII)).putInt((int) size).putInt(0);
            b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(48_000)
                    .putInt(96_000).putShort((short) 2).putShort((short) 16);
            b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
            String name = String.format("junk-%08x.wav", size);
            Run r = enhance(name, b.array());
            assertEquals(1, r.rc(), name + ": " + r.err());
            assertEquals(2, r.err().strip().lines().count(), name + ": " + r.err());
            assertTrue(r.err().startsWith("quell: skipped ") && r.err().contains(name), r.err());
            assertTrue(r.seconds() < 1.0, name + ": " + r.seconds() + " s");
        }
    }
}
