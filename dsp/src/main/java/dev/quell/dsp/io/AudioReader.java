package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a whole WAV (RIFF or RF64: integer PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE; any channel count and sample rate) or FLAC file into planar floats with
 * full scale 1.0 (integers are divided by 2^(bits-1)), through {@link AudioSource}.
 *
 * <p>The container is recognised by its magic bytes, not the file name. Every problem
 * (unreadable, empty, not RIFF/FLAC, truncated, unsupported encodings) raises an
 * {@link AudioFormatException} whose message names the file and the problem: unlike a streaming
 * {@link AudioSource}, which reads a truncated file to its end with a warning, this reader is
 * strict, for the developer tools that must not score half a file.
 */
public final class AudioReader {

    private AudioReader() {
    }

    /**
     * Reads a WAV or FLAC file.
     *
     * @param file the file
     * @return the decoded audio
     * @throws AudioFormatException if the file is not readable audio (message names file and problem)
     * @throws IOException if reading fails
     */
    public static AudioData read(Path file) throws IOException {
        try (AudioSource src = AudioSource.open(file)) {
            float[][] out = readRest(file, src);
            if (src.warning() != null) {
                throw new AudioFormatException(file, src.warning());
            }
            return new AudioData(src.sampleRate(), out, src.format());
        }
    }

    /**
     * Reads what is left of an open source into memory (buffers grow by doubling). Lenient as
     * the source is: a truncated file gives what it holds, and {@code src.warning()} says so.
     *
     * @param file the source's file, for messages
     * @param src an open source
     * @return per channel, exactly the frames read
     * @throws AudioFormatException if the audio is too long for a Java array (2^31 - 1 frames)
     * @throws IOException if reading fails
     */
    static float[][] readRest(Path file, AudioSource src) throws IOException {
        int ch = src.channelCount();
        long declared = src.declaredFrames() - src.framesRead();
        if (declared > Integer.MAX_VALUE) {
            throw new AudioFormatException(file, "too long to hold in memory (" + declared + " frames)");
        }
        // the declared length is a claim of the file, not a fact: start at most 16 MB and grow
        // with what is actually decoded (AudioReaderFuzzTest: a FLAC header declaring 2^36
        // samples in a 200-byte file ran the heap out)
        long cap = Math.max(1, (1L << 22) / Math.max(1, ch));
        float[][] out = new float[ch][(int) Math.max(1, Math.min(declared > 0 ? declared : 1 << 16, cap))];
        int n = 0;
        while (true) {
            if (n == out[0].length) {
                if (n == Integer.MAX_VALUE) {
                    throw new AudioFormatException(file, "too long to hold in memory");
                }
                int grown = (int) Math.min(Integer.MAX_VALUE, 2L * n);
                for (int c = 0; c < ch; c++) {
                    out[c] = Arrays.copyOf(out[c], grown);
                }
            }
            int got = src.read(out, n, out[0].length - n);
            if (got == 0) {
                break;
            }
            n += got;
        }
        for (int c = 0; c < ch; c++) {
            if (out[c].length != n) {
                out[c] = Arrays.copyOf(out[c], n);
            }
        }
        return out;
    }
}
