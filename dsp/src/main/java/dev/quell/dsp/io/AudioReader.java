package dev.quell.dsp.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Reads WAV (RIFF/WAVE: integer PCM 8/16/24/32-bit, IEEE float 32/64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE; any channel count and sample rate) and FLAC (via jflac-codec) into
 * planar floats with full scale 1.0 (integers are divided by 2^(bits-1)).
 *
 * <p>The container is recognised by its magic bytes, not the file name. Every problem
 * (unreadable, empty, not RIFF/FLAC, truncated chunks, unsupported encodings) raises an
 * {@link AudioFormatException} whose message names the file and the problem.
 */
public final class AudioReader {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

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
        if (!Files.isRegularFile(file)) {
            throw new AudioFormatException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 4) {
            throw new AudioFormatException(file, "too short to be audio (" + bytes.length + " bytes)");
        }
        if (bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F') {
            return readWav(file, bytes);
        }
        if (bytes[0] == 'f' && bytes[1] == 'L' && bytes[2] == 'a' && bytes[3] == 'C') {
            return readFlac(file, bytes);
        }
        if (bytes[0] == 'R' && bytes[1] == 'F' && bytes[2] == '6' && bytes[3] == '4') {
            throw new AudioFormatException(file, "RF64 WAV files are not supported");
        }
        throw new AudioFormatException(file, "not a WAV or FLAC file (unrecognised header)");
    }

    private static AudioData readWav(Path file, byte[] bytes) throws AudioFormatException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || bytes[8] != 'W' || bytes[9] != 'A' || bytes[10] != 'V' || bytes[11] != 'E') {
            throw new AudioFormatException(file, "RIFF file is not WAVE");
        }
        int pos = 12;
        int formatTag = -1;
        int channels = 0;
        int rate = 0;
        int blockAlign = 0;
        int bits = 0;
        int dataStart = -1;
        long dataSize = 0;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > bytes.length) {
                    throw new AudioFormatException(file, "truncated or malformed fmt chunk");
                }
                formatTag = buf.getShort(body) & 0xFFFF;
                channels = buf.getShort(body + 2) & 0xFFFF;
                rate = buf.getInt(body + 4);
                blockAlign = buf.getShort(body + 12) & 0xFFFF;
                bits = buf.getShort(body + 14) & 0xFFFF;
                if (formatTag == WAVE_FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw new AudioFormatException(file, "truncated WAVE_FORMAT_EXTENSIBLE fmt chunk");
                    }
                    formatTag = buf.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                dataStart = body;
                dataSize = size;
                if (body + size > bytes.length) {
                    throw new AudioFormatException(file, "truncated: data chunk declares " + size
                            + " bytes but only " + (bytes.length - body) + " are present");
                }
                break;
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        if (formatTag < 0) {
            throw new AudioFormatException(file, "no fmt chunk before the data");
        }
        if (dataStart < 0) {
            throw new AudioFormatException(file, "no data chunk (truncated?)");
        }
        if (channels < 1 || rate <= 0) {
            throw new AudioFormatException(file, "invalid fmt chunk: " + channels + " channels at " + rate + " Hz");
        }
        SampleFormat fmt;
        if (formatTag == WAVE_FORMAT_PCM) {
            switch (bits) {
                case 8: fmt = SampleFormat.PCM_U8; break;
                case 16: fmt = SampleFormat.PCM_16; break;
                case 24: fmt = SampleFormat.PCM_24; break;
                case 32: fmt = SampleFormat.PCM_32; break;
                default: throw new AudioFormatException(file, "unsupported PCM bit depth " + bits);
            }
        } else if (formatTag == WAVE_FORMAT_IEEE_FLOAT) {
            switch (bits) {
                case 32: fmt = SampleFormat.FLOAT_32; break;
                case 64: fmt = SampleFormat.FLOAT_64; break;
                default: throw new AudioFormatException(file, "unsupported float bit depth " + bits);
            }
        } else {
            throw new AudioFormatException(file, "unsupported WAV encoding (format tag 0x"
                    + Integer.toHexString(formatTag) + "); use integer PCM or IEEE float");
        }
        int bytesPerSample = bits / 8;
        if (blockAlign != bytesPerSample * channels) {
            throw new AudioFormatException(file, "inconsistent fmt chunk: block align " + blockAlign
                    + " for " + channels + " channels of " + bits + " bits");
        }
        long frames = dataSize / blockAlign;
        if (frames > Integer.MAX_VALUE) {
            throw new AudioFormatException(file, "too long (" + frames + " frames)");
        }
        float[][] out = new float[channels][(int) frames];
        int p = dataStart;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = decodeSample(buf, p, fmt);
                p += bytesPerSample;
            }
        }
        return new AudioData(rate, out, fmt);
    }

    private static float decodeSample(ByteBuffer buf, int p, SampleFormat fmt) {
        switch (fmt) {
            case PCM_U8:
                return ((buf.get(p) & 0xFF) - 128) / 128f;
            case PCM_16:
                return buf.getShort(p) / 32768f;
            case PCM_24: {
                int v = (buf.get(p) & 0xFF) | ((buf.get(p + 1) & 0xFF) << 8) | (buf.get(p + 2) << 16);
                return v / 8388608f;
            }
            case PCM_32:
                return (float) (buf.getInt(p) / 2147483648.0);
            case FLOAT_32:
                return buf.getFloat(p);
            case FLOAT_64:
                return (float) buf.getDouble(p);
            default:
                throw new IllegalStateException(fmt.toString());
        }
    }

    private static AudioData readFlac(Path file, byte[] bytes) throws AudioFormatException {
        try {
            FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
            decoder.readMetadata();
            StreamInfo info = decoder.getStreamInfo();
            if (info == null) {
                throw new AudioFormatException(file, "FLAC file has no STREAMINFO block");
            }
            int channels = info.getChannels();
            int bits = info.getBitsPerSample();
            long total = info.getTotalSamples();
            if (channels < 1 || info.getSampleRate() <= 0) {
                throw new AudioFormatException(file, "invalid FLAC STREAMINFO");
            }
            int capacity = total > 0 ? (int) Math.min(total, Integer.MAX_VALUE) : 1 << 16;
            float[][] out = new float[channels][capacity];
            int n = 0;
            float scale = 1f / (1L << (bits - 1));
            Frame frame;
            while ((frame = decoder.readNextFrame()) != null) {
                int block = frame.header.blockSize;
                ChannelData[] data = decoder.getChannelData();
                if (n + block > out[0].length) {
                    for (int c = 0; c < channels; c++) {
                        out[c] = java.util.Arrays.copyOf(out[c], Math.max(2 * out[c].length, n + block));
                    }
                }
                for (int c = 0; c < channels; c++) {
                    int[] s = data[c].getOutput();
                    for (int i = 0; i < block; i++) {
                        out[c][n + i] = s[i] * scale;
                    }
                }
                n += block;
            }
            if (decoder.getBadFrames() > 0) {
                throw new AudioFormatException(file, decoder.getBadFrames() + " corrupt FLAC frame(s)");
            }
            if (total > 0 && n < total) {
                throw new AudioFormatException(file, "truncated: STREAMINFO declares " + total
                        + " samples but only " + n + " decoded");
            }
            for (int c = 0; c < channels; c++) {
                out[c] = java.util.Arrays.copyOf(out[c], n);
            }
            SampleFormat fmt = bits <= 16 ? SampleFormat.PCM_16 : (bits <= 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_32);
            return new AudioData(info.getSampleRate(), out, fmt);
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "corrupt or truncated FLAC (" + e + ")", e);
        }
    }
}
