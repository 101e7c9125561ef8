package dev.quell.dsp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlacMetadata}: the decoder sees STREAMINFO and the frames only, so corrupt tag blocks
 * cannot make it allocate by their counts, and a file with them still decodes to the same audio.
 */
class FlacMetadataTest {
    private static final int CUESHEET = 5;
    private static final int VORBIS_COMMENT = 4;

    @TempDir
    Path dir;
    private byte[] plain;
    private float[][] audio;

    @BeforeEach
    void writeAFlac() throws IOException {
        Path file = dir.resolve("plain.flac");
        float[][] x = new float[2][6000];
        for (int i = 0; i < 6000; i++) {
            x[0][i] = (float) (0.5 * Math.sin(0.03 * i));
            x[1][i] = (float) (0.3 * Math.cos(0.011 * i));
        }
        try (FlacSink sink = new FlacSink(file, 16_000, 2, 16, false)) {
            sink.write(x, 0, 6000);
            sink.finish();
        }
        plain = Files.readAllBytes(file);
        audio = AudioReader.read(file).channels();
    }

    /**
     * A CUESHEET block that jflac parses by its contents (396 bytes with no tracks) while it
     * declares 500, with a VORBIS_COMMENT header declaring 2^31 − 1 comments at byte 396: the block
     * structure is consistent, but a decoder that parsed the cue sheet would read that header as
     * the next block and allocate an array of two billion entries.
     */
    @Test
    void aCueSheetThatHidesAHugeCommentCountIsSkipped() throws IOException {
        ByteBuffer cue = ByteBuffer.allocate(500);
        cue.position(396);
        cue.put(new byte[] {(byte) (0x80 | VORBIS_COMMENT), 0, 0, 8}); // a "last" block of 8 bytes
        cue.order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(Integer.MAX_VALUE);
        Path file = withBlocks("cue.flac", block(CUESHEET, cue.array()));
        assertArrayEquals(audio, AudioReader.read(file).channels());
        assertEquals(6000, drain(file));
    }

    /** Tags whose counts and lengths run past their block no longer stop the audio. */
    @Test
    void corruptTagsAndUnknownBlocksDoNotStopTheAudio() throws IOException {
        ByteBuffer tags = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        tags.putInt(0).putInt(2_000_000_000).putInt(-5).putInt(7);
        Path file = withBlocks("tags.flac", block(VORBIS_COMMENT, tags.array()), block(100, new byte[40]));
        assertArrayEquals(audio, AudioReader.read(file).channels());
    }

    /** An ID3v2 tag before the marker is skipped, as flac(1) does. */
    @Test
    void anId3TagBeforeTheMarkerIsSkipped() throws IOException {
        byte[] id3 = new byte[10 + 300];
        id3[0] = 'I';
        id3[1] = 'D';
        id3[2] = '3';
        id3[3] = 4;
        id3[8] = 300 >> 7;
        id3[9] = 300 & 0x7f;
        Path file = dir.resolve("id3.flac");
        Files.write(file, concat(id3, plain));
        assertArrayEquals(audio, AudioReader.read(file).channels());

        Path mp3 = dir.resolve("tagged.mp3");
        Files.write(mp3, concat(id3, new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64, 0, 0, 0, 0}));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(mp3));
        assertTrue(e.getMessage().contains("tagged.mp3") && e.getMessage().contains("ID3"), e.getMessage());
    }

    @Test
    void streamInfoMustComeFirstWithItsLength() throws IOException {
        byte[] moved = plain.clone();
        moved[4] = (byte) ((moved[4] & 0x80) | CUESHEET);
        Path file = dir.resolve("no-streaminfo.flac");
        Files.write(file, moved);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(file));
        assertTrue(e.getMessage().contains("no-streaminfo.flac") && e.getMessage().contains("STREAMINFO"), e.getMessage());

        byte[] longer = plain.clone();
        longer[7] = 35;
        Path file2 = dir.resolve("long-streaminfo.flac");
        Files.write(file2, longer);
        e = assertThrows(AudioFormatException.class, () -> AudioSource.open(file2));
        assertTrue(e.getMessage().contains("35 bytes"), e.getMessage());
    }

    @Test
    void aBlockPastTheEndOfTheFileIsRefused() throws IOException {
        Path file = withBlocks("past-end.flac", block(VORBIS_COMMENT, new byte[10]));
        byte[] bytes = Files.readAllBytes(file);
        int header = 8 + FlacMetadata.STREAMINFO_LENGTH;
        bytes[header + 1] = 0x7f; // declared length 0x7f000a
        Files.write(file, bytes);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioReader.read(file));
        assertTrue(e.getMessage().contains("past the end of the file"), e.getMessage());
    }

    private long drain(Path file) throws IOException {
        long n = 0;
        try (AudioSource s = AudioSource.open(file)) {
            float[][] buf = new float[s.channelCount()][512];
            for (int r; (r = s.read(buf, 0, 512)) > 0;) {
                n += r;
            }
        }
        return n;
    }

    /** The plain file with blocks inserted after its STREAMINFO, the last-block flags kept right. */
    private Path withBlocks(String name, byte[]... blocks) throws IOException {
        int afterInfo = 8 + FlacMetadata.STREAMINFO_LENGTH;
        byte[] head = Arrays.copyOf(plain, afterInfo);
        boolean infoWasLast = (head[4] & 0x80) != 0;
        head[4] &= 0x7f;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head);
        for (int i = 0; i < blocks.length; i++) {
            byte[] b = blocks[i].clone();
            if (infoWasLast && i == blocks.length - 1) {
                b[0] |= (byte) 0x80;
            }
            out.write(b);
        }
        out.write(plain, afterInfo, plain.length - afterInfo);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] block(int type, byte[] body) {
        byte[] b = new byte[4 + body.length];
        b[0] = (byte) type;
        b[1] = (byte) (body.length >> 16);
        b[2] = (byte) (body.length >> 8);
        b[3] = (byte) body.length;
        System.arraycopy(body, 0, b, 4, body.length);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
