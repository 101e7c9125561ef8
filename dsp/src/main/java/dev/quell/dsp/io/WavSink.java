package dev.quell.dsp.io;

import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a WAV file block by block in constant memory, atomically ({@link AtomicFiles#begin}: the
 * file appears complete or not at all).
 *
 * <p>Layout (Microsoft RIFF/WAVE; EBU Tech 3306 for RF64): {@code RIFF WAVE}, a 28-byte
 * {@code JUNK} chunk reserved for a {@code ds64} chunk, {@code fmt }, a {@code fact} chunk for
 * float data (the standard asks for one with every non-PCM encoding), {@code data}. The
 * {@code fmt} chunk is the plain 16-byte PCM one for 8- and 16-bit integer mono or stereo,
 * {@code WAVE_FORMAT_EXTENSIBLE} (40 bytes, with the valid bits, a speaker mask and the PCM
 * sub-format GUID) for more than 16 bits of integer or more than two integer channels, as
 * Microsoft's WAVEFORMATEXTENSIBLE documentation asks, and the 18-byte IEEE-float one (cbSize 0)
 * for float at any channel count (as sox writes it; sox warns about float in an extensible
 * chunk). When the file outgrows 4 GiB the header becomes {@code RF64} with the sizes in the
 * {@code ds64} chunk (the JUNK chunk is overwritten, so nothing moves); otherwise the JUNK chunk
 * stays, which every RIFF reader skips.
 *
 * <p>Samples are linear, full scale 1.0: integers are rounded and clipped (no dither), floats are
 * written as they are (NaN and infinities as 0). Not thread-safe.
 */
public final class WavSink implements AudioSink {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long RIFF_LIMIT = 0xFFFFFFFFL;
    private final AtomicFiles.Pending pending;
    private final FileChannel out;
    private final SampleFormat format;
    private final int channels;
    private final int bytesPerSample;
    private final int headerBytes;
    private final long factOffset;
    private final ByteBuffer block;
    private final long riffLimit;
    private long frames;
    private boolean finished;

    /**
     * Opens a new WAV file (replacing an existing one only when it is complete).
     *
     * @param file destination
     * @param sampleRate sample rate, Hz (positive)
     * @param channels channel count, 1..65535
     * @param format any {@link SampleFormat}
     * @param replace whether an existing file may be replaced (false: refuse it)
     * @throws java.nio.file.FileAlreadyExistsException if {@code replace} is false and the file exists
     * @throws IllegalArgumentException for a non-positive rate or a bad channel count
     * @throws IOException if the temporary file cannot be created or written
     */
    public WavSink(Path file, int sampleRate, int channels, SampleFormat format, boolean replace) throws IOException {
        this(file, sampleRate, channels, format, replace, RIFF_LIMIT);
    }

    /** As the public constructor, with the RIFF size beyond which RF64 is written (tests lower it). */
    WavSink(Path file, int sampleRate, int channels, SampleFormat format, boolean replace, long riffLimit)
            throws IOException {
        this.riffLimit = riffLimit;
        if (sampleRate <= 0 || channels < 1 || channels > 65535) {
            throw new IllegalArgumentException("cannot write " + channels + " channels at " + sampleRate + " Hz");
        }
        this.format = format;
        this.channels = channels;
        this.bytesPerSample = format.bits() / 8;
        boolean isFloat = format == SampleFormat.FLOAT_32 || format == SampleFormat.FLOAT_64;
        boolean extensible = !isFloat && (channels > 2 || format.bits() > 16);
        int fmtSize = extensible ? 40 : isFloat ? 18 : 16;
        ByteBuffer h = ByteBuffer.allocate(12 + 36 + 8 + fmtSize + (isFloat ? 12 : 0) + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
        h.put(ascii("JUNK")).putInt(28).put(new byte[28]);
        h.put(ascii("fmt ")).putInt(fmtSize);
        h.putShort((short) (extensible ? WAVE_FORMAT_EXTENSIBLE : isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM));
        h.putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * bytesPerSample);
        h.putShort((short) (channels * bytesPerSample)).putShort((short) format.bits());
        if (fmtSize >= 18) {
            h.putShort((short) (fmtSize - 18));
        }
        if (extensible) {
            h.putShort((short) format.bits()).putInt(channels == 1 ? 0x4 : channels == 2 ? 0x3 : 0);
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000X-0000-0010-8000-00AA00389B71}
            h.putShort((short) (isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM)).putShort((short) 0);
            h.putShort((short) 0).putShort((short) 0x10);
            h.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        factOffset = isFloat ? h.position() + 8 : -1;
        if (isFloat) {
            h.put(ascii("fact")).putInt(4).putInt(0);
        }
        h.put(ascii("data")).putInt(0);
        headerBytes = h.position();
        pending = AtomicFiles.begin(file, replace);
        try {
            out = FileChannel.open(pending.temporary(), StandardOpenOption.WRITE);
            h.flip();
            writeFully(h);
        } catch (IOException | RuntimeException e) {
            pending.close();
            throw e;
        }
        block = ByteBuffer.allocate(8192 * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
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
     * @throws IOException if writing fails
     */
    @Override
    public void write(float[][] data, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < channels; c++) {
                encode(block, data[c][offset + i]);
            }
            if (block.remaining() < channels * bytesPerSample) {
                block.flip();
                writeFully(block);
                block.clear();
            }
        }
        block.flip();
        writeFully(block);
        block.clear();
        frames += count;
    }

    /**
     * Completes the header (RF64 beyond 4 GiB), forces the file to disk and moves it into place.
     *
     * @throws IOException if writing or renaming fails (the temporary file is then removed)
     */
    @Override
    public void finish() throws IOException {
        try {
            long dataBytes = frames * channels * bytesPerSample;
            long pad = dataBytes & 1;
            if (pad == 1) {
                writeFully(ByteBuffer.wrap(new byte[1]));
            }
            long riffSize = headerBytes - 8 + dataBytes + pad;
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            if (riffSize <= riffLimit) {
                putInt(b, 4, riffSize);
                putInt(b, headerBytes - 4, dataBytes);
                if (factOffset > 0) {
                    putInt(b, factOffset, Math.min(frames, RIFF_LIMIT));
                }
            } else {
                ByteBuffer rf = ByteBuffer.allocate(12 + 36).order(ByteOrder.LITTLE_ENDIAN);
                rf.put(ascii("RF64")).putInt(-1).put(ascii("WAVE"));
                rf.put(ascii("ds64")).putInt(28).putLong(riffSize).putLong(dataBytes).putLong(frames).putInt(0);
                rf.flip();
                out.write(rf, 0);
                putInt(b, headerBytes - 4, RIFF_LIMIT);
                if (factOffset > 0) {
                    putInt(b, factOffset, RIFF_LIMIT);
                }
            }
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

    private void putInt(ByteBuffer b, long at, long value) throws IOException {
        b.clear();
        b.putInt((int) value).flip();
        out.write(b, at);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private void encode(ByteBuffer b, float v) {
        switch (format) {
            case FLOAT_32:
                b.putFloat(Float.isFinite(v) ? v : 0f);
                return;
            case FLOAT_64:
                b.putDouble(Float.isFinite(v) ? v : 0.0);
                return;
            default:
                break;
        }
        double x = Float.isFinite(v) ? Math.max(-1.0, Math.min(1.0, v)) : 0;
        switch (format) {
            case PCM_U8:
                b.put((byte) (Math.max(-128, Math.min(127, Math.round(x * 128.0))) + 128));
                break;
            case PCM_16:
                b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0))));
                break;
            case PCM_24: {
                long s = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608.0)));
                b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                break;
            }
            default: // PCM_32
                b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(x * 2147483648.0))));
                break;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
