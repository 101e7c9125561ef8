package dev.quell.train;

import dev.quell.dsp.io.AudioFormatException;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gagravarr.ogg.OggFile;
import org.gagravarr.ogg.OggPacket;
import org.gagravarr.ogg.OggPacketReader;

/**
 * Decodes mono Ogg Opus files (RFC 7845) to 48 kHz floats with Concentus (a pure-Java port of
 * libopus) and the Ogg reader of vorbis-java-core.
 *
 * <p>As RFC 7845 section 4 requires, the first {@code pre_skip} samples (OpusHead bytes 10-11,
 * little-endian) are discarded and the stream is cut at the granule position of its last page
 * (which counts 48 kHz samples including the pre-skip), so the result has exactly the encoded
 * duration.
 */
public final class OpusReader {
    private static final int MAX_FRAME = 5760; // 120 ms at 48 kHz

    private OpusReader() {
    }

    /**
     * @param file an Ogg Opus file (mono)
     * @return samples at 48 kHz, full scale 1.0
     * @throws AudioFormatException if the file is not mono Ogg Opus or is corrupt (names the file)
     * @throws IOException if it cannot be read
     */
    public static float[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); OggFile ogg = new OggFile(in)) {
            OggPacketReader reader = ogg.getPacketReader();
            OggPacket head = reader.getNextPacket();
            if (head == null || head.getData().length < 19 || !new String(head.getData(), 0, 8,
                    java.nio.charset.StandardCharsets.US_ASCII).equals("OpusHead")) {
                throw new AudioFormatException(file, "not an Ogg Opus file (no OpusHead)");
            }
            byte[] h = head.getData();
            int channels = h[9] & 0xFF;
            if (channels != 1) {
                throw new AudioFormatException(file, "only mono Opus is supported, found " + channels + " channels");
            }
            int preSkip = (h[10] & 0xFF) | ((h[11] & 0xFF) << 8);
            reader.getNextPacket(); // OpusTags
            OpusDecoder decoder = new OpusDecoder(48_000, 1);
            short[] pcm = new short[MAX_FRAME];
            float[] out = new float[48_000 * 4];
            int n = 0;
            long lastGranule = -1;
            OggPacket p;
            while ((p = reader.getNextPacket()) != null) {
                byte[] d = p.getData();
                int got = decoder.decode(d, 0, d.length, pcm, 0, MAX_FRAME, false);
                if (n + got > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(2 * out.length, n + got));
                }
                for (int i = 0; i < got; i++) {
                    out[n + i] = pcm[i] / 32768f;
                }
                n += got;
                if (p.getGranulePosition() > 0) {
                    lastGranule = p.getGranulePosition();
                }
            }
            long end = lastGranule > 0 ? Math.min(n, lastGranule) : n;
            if (end <= preSkip) {
                throw new AudioFormatException(file, "no audio after the pre-skip");
            }
            return java.util.Arrays.copyOfRange(out, preSkip, (int) end);
        } catch (OpusException | RuntimeException e) {
            throw new AudioFormatException(file, "corrupt Opus stream (" + e.getMessage() + ")", e);
        }
    }
}
