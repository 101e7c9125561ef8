package dev.quell.dsp.io;

import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import net.sourceforge.javaflacencoder.EncodingConfiguration;
import net.sourceforge.javaflacencoder.FLACEncoder;
import net.sourceforge.javaflacencoder.FLACFileOutputStream;
import net.sourceforge.javaflacencoder.StreamConfiguration;

/**
 * Writes a FLAC file block by block in constant memory with java-flac-encoder (LGPL-2.1, Maven
 * Central), atomically ({@link AtomicFiles#begin}). The encoder fills in STREAMINFO (length, MD5)
 * at the end by seeking in the temporary file.
 *
 * <p>FLAC holds integers of 4-24 bits here: 8-, 16- and 24-bit input keep their depth; 32-bit
 * integer and float are written as 24-bit (rounded and clipped, no dither). Up to 8 channels.
 * Blocks of 4096 frames, one encoding thread. Not thread-safe.
 */
public final class FlacSink implements AudioSink {
    /** Frames per FLAC block. */
    public static final int BLOCK = 4096;
    private final AtomicFiles.Pending pending;
    private final FLACFileOutputStream out;
    private final FLACEncoder encoder;
    private final int channels;
    private final int bits;
    private final int[] interleaved;
    private long frames;
    /** Frames handed to the encoder as whole blocks so far (the rest waits for {@link #finish()}). */
    private long encoded;
    private boolean finished;

    /**
     * @param file destination
     * @param sampleRate sample rate, Hz (1..655350)
     * @param channels channel count, 1..8
     * @param bits bits per sample to write: 8, 16 or 24 (use {@link #bitsFor(SampleFormat)})
     * @param replace whether an existing file may be replaced (false: refuse it)
     * @throws java.nio.file.FileAlreadyExistsException if {@code replace} is false and the file exists
     * @throws IllegalArgumentException for more than 8 channels or an unsupported rate or depth
     * @throws IOException if the temporary file cannot be created
     */
    public FlacSink(Path file, int sampleRate, int channels, int bits, boolean replace) throws IOException {
        StreamConfiguration sc = new StreamConfiguration(channels, BLOCK, BLOCK, sampleRate, bits);
        if (!sc.isValid() || channels < 1 || channels > StreamConfiguration.MAX_CHANNEL_COUNT
                || (bits != 8 && bits != 16 && bits != 24)) {
            throw new IllegalArgumentException("FLAC cannot hold " + channels + " channels of " + bits + " bits at "
                    + sampleRate + " Hz (1-8 channels of 8, 16 or 24 bits)");
        }
        this.channels = channels;
        this.bits = bits;
        interleaved = new int[BLOCK * channels];
        pending = AtomicFiles.begin(file, replace);
        try {
            out = new FLACFileOutputStream(pending.temporary().toFile());
            encoder = new FLACEncoder();
            encoder.setThreadCount(1);
            encoder.setStreamConfiguration(sc);
            encoder.setEncodingConfiguration(new EncodingConfiguration());
            encoder.setOutputStream(out);
            encoder.openFLACStream();
        } catch (IOException | RuntimeException e) {
            pending.close();
            throw e;
        }
    }

    /**
     * @param format an input's sample format
     * @return the FLAC depth that keeps it: 8, 16 or 24 (32-bit and float become 24)
     */
    public static int bitsFor(SampleFormat format) {
        switch (format) {
            case PCM_U8: return 8;
            case PCM_16: return 16;
            default: return 24;
        }
    }

    /** @return frames written so far */
    public long frames() {
        return frames;
    }

    /**
     * Appends frames.
     *
     * @param data per channel (at least {@code channels} arrays), linear, full scale 1.0
     * @param offset first frame to take
     * @param count frames to take
     * @throws IOException if encoding or writing fails
     */
    @Override
    public void write(float[][] data, int offset, int count) throws IOException {
        double scale = 1L << (bits - 1);
        long max = (1L << (bits - 1)) - 1;
        for (int done = 0; done < count; ) {
            int n = Math.min(BLOCK, count - done);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    float v = data[c][offset + done + i];
                    double x = Float.isFinite(v) ? v : 0;
                    interleaved[i * channels + c] = (int) Math.max(-max - 1, Math.min(max, Math.round(x * scale)));
                }
            }
            encoder.addSamples(interleaved, n);
            int full = encoder.fullBlockSamplesAvailableToEncode();
            if (full > 0) {
                encoded += encoder.encodeSamples(full, false);
            }
            done += n;
        }
        frames += count;
    }

    /**
     * Encodes what is left, completes STREAMINFO, forces the file to disk and moves it into place.
     *
     * @throws IOException if encoding, writing or renaming fails (the temporary file is then removed)
     */
    @Override
    public void finish() throws IOException {
        try {
            // Our own count of what is left: the encoder's samplesAvailableToEncode() throws a
            // NullPointerException when the frames so far fill whole blocks (0.3.7).
            encoder.encodeSamples(Math.toIntExact(frames - encoded), true);
            out.close();
            pending.commit();
            finished = true;
        } finally {
            close();
        }
    }

    /** Discards the file unless {@link #finish()} completed it. */
    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            if (!finished) {
                pending.close();
            }
        }
    }
}
