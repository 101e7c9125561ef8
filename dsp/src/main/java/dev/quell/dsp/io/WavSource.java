package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a WAV file block by block: RIFF or RF64 (EBU Tech 3306, sizes from the {@code ds64}
 * chunk), integer PCM of 8 (unsigned), 16, 24 or 32 bits and IEEE float of 32 or 64 bits, plain or
 * {@code WAVE_FORMAT_EXTENSIBLE}, any channel count. Chunks before {@code data} that it does not
 * need are skipped. A data size of 0xFFFFFFFF or 0 (a WAV streamed by ffmpeg or a recorder that
 * never went back to the header) means "to the end of the file"; a data chunk that declares more
 * than the file holds is read to the end of the file with a {@link #warning()}; a partial last
 * frame is dropped.
 */
public final class WavSource implements AudioSource {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private final Path file;
    private final FileChannel ch;
    private final int rate;
    private final int channels;
    private final SampleFormat format;
    private final int blockAlign;
    private final long dataStart;
    private final long dataBytes;
    private final long declaredFrames;
    private final String shortfall;
    private final ByteBuffer buf;
    private long frames;
    private boolean ended;

    /**
     * @param file a RIFF or RF64 WAVE file
     * @throws AudioFormatException if the header is malformed or the encoding unsupported
     * @throws IOException if reading fails
     */
    public WavSource(Path file) throws IOException {
        this.file = file;
        ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            Layout layout = readLayout(size);
            Fmt fmt = layout.fmt();
            if (fmt.channels() < 1 || fmt.rate() <= 0) {
                throw new AudioFormatException(file, "invalid fmt chunk: " + fmt.channels() + " channels at "
                        + fmt.rate() + " Hz");
            }
            format = format(file, fmt.tag(), fmt.bits());
            if (fmt.align() != fmt.bits() / 8 * fmt.channels()) {
                throw new AudioFormatException(file, "inconsistent fmt chunk: block align " + fmt.align()
                        + " for " + fmt.channels() + " channels of " + fmt.bits() + " bits");
            }
            rate = fmt.rate();
            channels = fmt.channels();
            blockAlign = fmt.align();
            dataStart = layout.dataStart();
            long declared = layout.declaredBytes();
            long present = size - dataStart;
            boolean streamed = !layout.rf64() && (declared == 0xFFFFFFFFL || declared == 0) && present > 0;
            if (streamed) {
                dataBytes = present;
                declaredFrames = -1;
                shortfall = null;
            } else if (declared > present) {
                dataBytes = present;
                declaredFrames = declared / blockAlign;
                shortfall = "truncated: data chunk declares " + declared + " bytes, " + present + " present";
            } else {
                dataBytes = declared;
                declaredFrames = declared / blockAlign;
                shortfall = null;
            }
            buf = ByteBuffer.allocate(Math.max(blockAlign, 65536 / blockAlign * blockAlign))
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The fields of a {@code fmt } chunk; {@code tag} is the sub-format's for an extensible one. */
    private record Fmt(int tag, int channels, int rate, int align, int bits) {
    }

    /**
     * Where the chunks before the samples put things.
     *
     * @param declaredBytes the data chunk's size (the {@code ds64} size for RF64 when the chunk says
     *     0xFFFFFFFF)
     */
    private record Layout(boolean rf64, Fmt fmt, long dataStart, long declaredBytes) {
    }

    /** Walks the chunks up to {@code data}, skipping those it does not need. */
    private Layout readLayout(long size) throws IOException {
        ByteBuffer h = read(0, 12);
        String riff = ascii(h, 0);
        if (!ascii(h, 8).equals("WAVE")) {
            throw new AudioFormatException(file, riff + " file is not WAVE");
        }
        boolean rf64 = riff.equals("RF64");
        long ds64Data = -1;
        Fmt fmt = null;
        long pos = 12;
        while (pos + 8 <= size) {
            ByteBuffer c = read(pos, 8);
            String id = ascii(c, 0);
            long len = c.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            if (id.equals("ds64") && rf64) {
                ds64Data = read(body, 16).getLong(8);
            } else if (id.equals("fmt ")) {
                fmt = readFmt(body, len, size);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new AudioFormatException(file, "no fmt chunk before the data");
                }
                long declared = rf64 && len == 0xFFFFFFFFL && ds64Data >= 0 ? ds64Data : len;
                return new Layout(rf64, fmt, body, declared);
            }
            pos = body + len + (len & 1);
        }
        throw new AudioFormatException(file, fmt == null ? "no fmt chunk before the data" : "no data chunk (truncated?)");
    }

    private Fmt readFmt(long body, long len, long size) throws IOException {
        if (len < 16 || body + len > size) {
            throw new AudioFormatException(file, "truncated or malformed fmt chunk");
        }
        ByteBuffer f = read(body, (int) Math.min(len, 40));
        int tag = f.getShort(0) & 0xFFFF;
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (len < 40) {
                throw new AudioFormatException(file, "truncated WAVE_FORMAT_EXTENSIBLE fmt chunk");
            }
            tag = f.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
        }
        return new Fmt(tag, f.getShort(2) & 0xFFFF, f.getInt(4), f.getShort(12) & 0xFFFF, f.getShort(14) & 0xFFFF);
    }

    private static SampleFormat format(Path file, int tag, int bits) throws AudioFormatException {
        if (tag == WAVE_FORMAT_PCM) {
            switch (bits) {
                case 8: return SampleFormat.PCM_U8;
                case 16: return SampleFormat.PCM_16;
                case 24: return SampleFormat.PCM_24;
                case 32: return SampleFormat.PCM_32;
                default: throw new AudioFormatException(file, "unsupported PCM bit depth " + bits);
            }
        }
        if (tag == WAVE_FORMAT_IEEE_FLOAT) {
            switch (bits) {
                case 32: return SampleFormat.FLOAT_32;
                case 64: return SampleFormat.FLOAT_64;
                default: throw new AudioFormatException(file, "unsupported float bit depth " + bits);
            }
        }
        throw new AudioFormatException(file, "unsupported WAV encoding (format tag 0x"
                + Integer.toHexString(tag) + "); use integer PCM or IEEE float");
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public SampleFormat format() {
        return format;
    }

    @Override
    public long declaredFrames() {
        return declaredFrames;
    }

    @Override
    public long framesRead() {
        return frames;
    }

    @Override
    public String warning() {
        if (!ended || shortfall == null) {
            return null;
        }
        return shortfall + "; read " + frames + " frames (" + String.format(java.util.Locale.ROOT, "%.1f", (double) frames / rate)
                + " s)";
    }

    @Override
    public int read(float[][] out, int offset, int max) throws IOException {
        long left = dataBytes / blockAlign - frames;
        int want = (int) Math.min(Math.min(max, left), buf.capacity() / blockAlign);
        if (want <= 0) {
            ended = true;
            return 0;
        }
        buf.clear().limit(want * blockAlign);
        long at = dataStart + frames * blockAlign;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at + buf.position());
            if (n < 0) {
                break;
            }
        }
        int got = buf.position() / blockAlign;
        int bytes = format.bits() / 8;
        for (int i = 0; i < got; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][offset + i] = decode(buf, (i * channels + c) * bytes);
            }
        }
        frames += got;
        if (got == 0) {
            ended = true;
        }
        return got;
    }

    private float decode(ByteBuffer b, int p) {
        switch (format) {
            case PCM_U8:
                return ((b.get(p) & 0xFF) - 128) / 128f;
            case PCM_16:
                return b.getShort(p) / 32768f;
            case PCM_24:
                return ((b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16)) / 8388608f;
            case PCM_32:
                return (float) (b.getInt(p) / 2147483648.0);
            case FLOAT_32:
                return b.getFloat(p);
            default:
                return (float) b.getDouble(p);
        }
    }

    private ByteBuffer read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new AudioFormatException(file, "truncated header");
            }
        }
        return b;
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] s = new byte[4];
        b.get(at, s);
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
