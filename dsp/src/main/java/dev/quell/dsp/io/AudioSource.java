package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV or FLAC file read block by block in constant memory ({@link WavSource},
 * {@link FlacSource}). A file whose audio ends early (a truncated recording, a WAV streamed with
 * an unknown length) is read to the end of what is there; {@link #warning()} then says how much
 * was read, as sox and libsndfile do.
 */
public interface AudioSource extends AutoCloseable {
    /** @return sample rate, Hz */
    int sampleRate();

    /** @return channel count, at least 1 */
    int channelCount();

    /** @return the file's sample encoding */
    SampleFormat format();

    /** @return the frame count the header declares, or -1 when it does not say (streamed WAV) */
    long declaredFrames();

    /**
     * Reads the next frames.
     *
     * @param out per channel (at least {@link #channelCount()} arrays), linear, full scale 1.0
     * @param offset first frame to fill
     * @param max most frames to read (positive)
     * @return frames read, 0 at the end of the audio
     * @throws AudioFormatException if the file turns out to be corrupt (message names it)
     * @throws IOException if reading fails
     */
    int read(float[][] out, int offset, int max) throws IOException;

    /** @return frames read so far */
    long framesRead();

    /**
     * @return null, or after the end was reached, a one-line note on audio missing from the file
     *     (e.g. "truncated: data chunk declares 96000 bytes, 48000 present; read 12000 frames")
     */
    String warning();

    @Override
    void close() throws IOException;

    /**
     * Opens a WAV (RIFF or RF64) or FLAC file (also after an ID3v2 tag) by its content, whatever its name.
     *
     * @param file the file
     * @return a source positioned at the first frame
     * @throws AudioFormatException if the file is missing, not audio, or of an unsupported encoding
     * @throws IOException if reading fails
     */
    static AudioSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AudioFormatException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] magic = new byte[4];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n < 4) {
            throw new AudioFormatException(file, "too short to be audio (" + n + " bytes)");
        }
        String m = new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (m.equals("RIFF") || m.equals("RF64")) {
            return new WavSource(file);
        }
        if (m.equals("fLaC") || m.startsWith("ID3")) { // FLAC may follow an ID3v2 tag (FlacMetadata)
            return new FlacSource(file);
        }
        throw new AudioFormatException(file, "not a WAV or FLAC file (unrecognised header)");
    }
}
