package dev.quell.dsp.io;

import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes planar float audio as WAV: 16-bit or 24-bit integer PCM (rounded and clipped to full
 * scale, no dither) or 32-bit IEEE float (unclipped; NaN/Inf written as 0).
 *
 * <p>Writes are atomic: the file is written to a temporary sibling and moved into place, so a
 * crash never leaves a half-written output and an existing file is replaced only when the new
 * one is complete.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /**
     * Writes a WAV file atomically.
     *
     * @param file destination
     * @param audio samples (full scale 1.0) and sample rate; {@code audio.format()} is ignored
     * @param format PCM_16, PCM_24 or FLOAT_32
     * @throws IllegalArgumentException for an unwritable format
     * @throws IOException if writing fails (the destination is then untouched)
     */
    public static void write(Path file, AudioData audio, SampleFormat format) throws IOException {
        if (!format.writable()) {
            throw new IllegalArgumentException("cannot write " + format + "; use PCM_16, PCM_24 or FLOAT_32");
        }
        int channels = audio.channelCount();
        int frames = audio.frames();
        int bytesPerSample = format.bits() / 8;
        long dataBytes = (long) frames * channels * bytesPerSample;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IOException(file + ": audio too long for a WAV file");
        }
        AtomicFiles.write(file, out -> {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes));
            header.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
            header.putShort((short) (format == SampleFormat.FLOAT_32 ? 3 : 1));
            header.putShort((short) channels).putInt(audio.sampleRate());
            header.putInt(audio.sampleRate() * channels * bytesPerSample);
            header.putShort((short) (channels * bytesPerSample)).putShort((short) format.bits());
            header.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
            out.write(header.array());
            ByteBuffer block = ByteBuffer.allocate(4096 * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
            float[][] ch = audio.channels();
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    encode(block, ch[c][i], format);
                }
                if (!block.hasRemaining()) {
                    out.write(block.array(), 0, block.position());
                    block.clear();
                }
            }
            out.write(block.array(), 0, block.position());
        });
    }

    private static void encode(ByteBuffer b, float v, SampleFormat format) {
        if (format == SampleFormat.FLOAT_32) {
            b.putFloat(Float.isFinite(v) ? v : 0f);
            return;
        }
        double x = Float.isFinite(v) ? Math.max(-1.0, Math.min(1.0, v)) : 0;
        if (format == SampleFormat.PCM_16) {
            long s = Math.round(x * 32768.0);
            b.putShort((short) Math.max(-32768, Math.min(32767, s)));
        } else {
            long s = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608.0)));
            b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
        }
    }
}
