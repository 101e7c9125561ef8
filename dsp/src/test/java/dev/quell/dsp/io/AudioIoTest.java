package dev.quell.dsp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AudioIoTest {
    @TempDir
    Path dir;

    private static AudioData stereoRamp(int rate) {
        int n = 1000;
        float[][] ch = new float[2][n];
        for (int i = 0; i < n; i++) {
            ch[0][i] = (float) Math.sin(i * 0.01) * 0.9f;
            ch[1][i] = -0.5f + i / (float) n;
        }
        return new AudioData(rate, ch, SampleFormat.FLOAT_32);
    }

    @ParameterizedTest
    @EnumSource(value = SampleFormat.class, names = {"PCM_16", "PCM_24", "FLOAT_32"})
    void wavRoundTripKeepsRateChannelsAndSamples(SampleFormat format) throws IOException {
        AudioData a = stereoRamp(44_100);
        Path f = dir.resolve("x.wav");
        WavWriter.write(f, a, format);
        AudioData b = AudioReader.read(f);
        assertEquals(44_100, b.sampleRate());
        assertEquals(2, b.channelCount());
        assertEquals(a.frames(), b.frames());
        assertEquals(format, b.format());
        double tol = format == SampleFormat.PCM_16 ? 1.0 / 32768 : (format == SampleFormat.PCM_24 ? 1.0 / 8e6 : 0);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < a.frames(); i++) {
                assertEquals(a.channels()[c][i], b.channels()[c][i], tol);
            }
        }
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("y.wav");
        WavWriter.write(f, stereoRamp(48_000), SampleFormat.PCM_16);
        WavWriter.write(f, stereoRamp(16_000), SampleFormat.PCM_16);
        assertEquals(16_000, AudioReader.read(f).sampleRate());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void pcm32AndFloat64AndExtensibleAreRead() throws IOException {
        // hand-made WAVE_FORMAT_EXTENSIBLE, 32-bit integer, mono, two samples
        ByteBuffer b = ByteBuffer.allocate(68 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(68).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(8000)
                .putInt(32000).putShort((short) 4).putShort((short) 32).putShort((short) 22)
                .putShort((short) 32).putInt(4).putShort((short) 1).put(new byte[14]);
        b.put("data".getBytes()).putInt(8).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        Path f = dir.resolve("ext.wav");
        Files.write(f, b.array());
        AudioData a = AudioReader.read(f);
        assertEquals(SampleFormat.PCM_32, a.format());
        assertArrayEquals(new float[] {-1f, 0.5f}, a.channels()[0]);
    }

    @Test
    void chunksItDoesNotNeedAreSkippedWithTheirPadByte() throws IOException {
        // an odd-length LIST chunk (plus its pad byte) between fmt and data
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + 4 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put(fmt16(1, 16000, 2));
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3, 0});
        b.put("data".getBytes()).putInt(4).putShort((short) 16384).putShort((short) -32768);
        Path f = dir.resolve("list.wav");
        Files.write(f, b.array());
        AudioData a = AudioReader.read(f);
        assertEquals(16000, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, -1f}, a.channels()[0]);
    }

    @Test
    void misplacedOrMalformedChunksAreNamed() throws IOException {
        ByteBuffer dataFirst = ByteBuffer.allocate(12 + 12 + 24).order(ByteOrder.LITTLE_ENDIAN);
        dataFirst.put("RIFF".getBytes()).putInt(40).put("WAVE".getBytes());
        dataFirst.put("data".getBytes()).putInt(4).putInt(0).put(fmt16(1, 8000, 2));
        assertWavError("datafirst.wav", dataFirst.array(), "no fmt chunk before the data");

        ByteBuffer noData = ByteBuffer.allocate(12 + 24).order(ByteOrder.LITTLE_ENDIAN);
        noData.put("RIFF".getBytes()).putInt(28).put("WAVE".getBytes()).put(fmt16(1, 8000, 2));
        assertWavError("nodata.wav", noData.array(), "no data chunk");

        ByteBuffer shortFmt = ByteBuffer.allocate(12 + 8 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        shortFmt.put("RIFF".getBytes()).putInt(28).put("WAVE".getBytes());
        shortFmt.put("fmt ".getBytes()).putInt(8).putShort((short) 1).putShort((short) 1).putInt(8000);
        shortFmt.put("data".getBytes()).putInt(0);
        assertWavError("shortfmt.wav", shortFmt.array(), "truncated or malformed fmt chunk");

        ByteBuffer badAlign = ByteBuffer.allocate(12 + 24 + 12).order(ByteOrder.LITTLE_ENDIAN);
        badAlign.put("RIFF".getBytes()).putInt(40).put("WAVE".getBytes()).put(fmt16(1, 8000, 3));
        badAlign.put("data".getBytes()).putInt(4).putInt(0);
        assertWavError("align.wav", badAlign.array(), "block align 3");
    }

    /** A 16-bit PCM {@code fmt } chunk (24 bytes) with the given channel count and block align. */
    private static byte[] fmt16(int channels, int rate, int blockAlign) {
        ByteBuffer f = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        f.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        return f.array();
    }

    private void assertWavError(String name, byte[] bytes, String expected) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(f));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void truncatedWavIsRejectedNamingTheFile() throws IOException {
        Path f = dir.resolve("cut.wav");
        WavWriter.write(f, stereoRamp(48_000), SampleFormat.PCM_16);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut2.wav");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(cut));
        assertTrue(e.getMessage().contains("cut2.wav") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void nonAudioAndUnsupportedFilesGiveClearErrors() throws IOException {
        Path txt = dir.resolve("notes.wav");
        Files.writeString(txt, "this is not audio at all");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(txt));
        assertTrue(e.getMessage().contains("notes.wav") && e.getMessage().contains("not a WAV or FLAC"), e.getMessage());

        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 6).putShort((short) 1).putInt(8000)
                .putInt(8000).putShort((short) 1).putShort((short) 8);
        b.put("data".getBytes()).putInt(0);
        Path alaw = dir.resolve("alaw.wav");
        Files.write(alaw, b.array());
        e = assertThrows(AudioFormatException.class, () -> AudioReader.read(alaw));
        assertTrue(e.getMessage().contains("unsupported WAV encoding"), e.getMessage());

        Path missing = dir.resolve("missing.flac");
        e = assertThrows(AudioFormatException.class, () -> AudioReader.read(missing));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());

        Path badFlac = dir.resolve("bad.flac");
        Files.write(badFlac, new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 34, 1, 2, 3});
        e = assertThrows(AudioFormatException.class, () -> AudioReader.read(badFlac));
        assertTrue(e.getMessage().contains("bad.flac"), e.getMessage());
    }

    @Test
    void flacFromTheDevSetDecodes() throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared/data not present");
        Path f = data.resolve("dev/pairs/clean/Actor21_03-01-01-01-01-01_dfn-freesound573577_snr-5.flac");
        AudioData a = AudioReader.read(f);
        assertEquals(48_000, a.sampleRate());
        assertEquals(1, a.channelCount());
        assertEquals(2.19, a.seconds(), 0.01);
        float peak = 0;
        for (float v : a.channels()[0]) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertTrue(peak > 0.1f && peak <= 1f);
        Path cut = dir.resolve("cut.flac");
        byte[] all = Files.readAllBytes(f);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(cut));
        assertTrue(e.getMessage().contains("cut.flac"), e.getMessage());
    }
}
