package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Validates a FLAC file's metadata blocks against the file length before the decoder (jflac) reads
 * them: jflac sizes its arrays by the counts the blocks declare, so a VORBIS_COMMENT claiming two
 * billion comments made it allocate until the heap ran out (found by {@code AudioReaderFuzzTest}).
 * Checked (FLAC format specification, "METADATA_BLOCK"): the "fLaC" marker (after an ID3v2 tag,
 * if any), each block's 24-bit length within the file, the last-block flag reached, and inside a
 * VORBIS_COMMENT (type 4) and a PICTURE (type 6) every declared length and count within the block.
 */
final class FlacMetadataCheck {
    /** Most metadata blocks looked at; a real file has a handful. */
    private static final int MAX_BLOCKS = 1024;

    private FlacMetadataCheck() {
    }

    /**
     * @param file a FLAC file
     * @throws AudioFormatException naming the file and the first inconsistency
     * @throws IOException if reading fails
     */
    static void check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer head = read(ch, 0, 10);
            if (head.remaining() >= 10 && head.get(0) == 'I' && head.get(1) == 'D' && head.get(2) == '3') {
                int tag = ((head.get(6) & 0x7f) << 21) | ((head.get(7) & 0x7f) << 14) | ((head.get(8) & 0x7f) << 7) | (head.get(9) & 0x7f);
                pos = 10 + tag;
            }
            ByteBuffer marker = read(ch, pos, 4);
            if (marker.remaining() < 4 || marker.get(0) != 'f' || marker.get(1) != 'L' || marker.get(2) != 'a' || marker.get(3) != 'C') {
                throw new AudioFormatException(file, "not a FLAC file (no fLaC marker)");
            }
            pos += 4;
            for (int n = 0; n < MAX_BLOCKS; n++) {
                ByteBuffer h = read(ch, pos, 4);
                if (h.remaining() < 4) {
                    throw new AudioFormatException(file, "FLAC metadata ends inside block header " + n);
                }
                boolean last = (h.get(0) & 0x80) != 0;
                int type = h.get(0) & 0x7f;
                long length = ((h.get(1) & 0xffL) << 16) | ((h.get(2) & 0xffL) << 8) | (h.get(3) & 0xffL);
                pos += 4;
                if (type == 127) {
                    throw new AudioFormatException(file, "FLAC metadata block " + n + " has the invalid type 127");
                }
                if (pos + length > size) {
                    throw new AudioFormatException(file, "FLAC metadata block " + n + " (type " + type + ") declares "
                            + length + " bytes, past the end of the file");
                }
                if (type == 4 || type == 6) {
                    checkInside(file, n, type, read(ch, pos, (int) length));
                }
                pos += length;
                if (last) {
                    return;
                }
            }
            throw new AudioFormatException(file, "FLAC metadata has more than " + MAX_BLOCKS + " blocks");
        }
    }

    /** Counts and lengths inside a VORBIS_COMMENT (little-endian) or PICTURE (big-endian) block. */
    private static void checkInside(Path file, int n, int type, ByteBuffer b) throws AudioFormatException {
        String what = "FLAC " + (type == 4 ? "VORBIS_COMMENT" : "PICTURE") + " block " + n + " is corrupt";
        try {
            if (type == 4) {
                b.order(ByteOrder.LITTLE_ENDIAN);
                skip(b, b.getInt());                   // vendor string
                long count = b.getInt() & 0xffffffffL;
                if (count * 4 > b.remaining()) {
                    throw new AudioFormatException(file, what + " (" + count + " comments declared in " + b.capacity() + " bytes)");
                }
                for (long i = 0; i < count; i++) {
                    skip(b, b.getInt());
                }
            } else {
                b.order(ByteOrder.BIG_ENDIAN);
                b.getInt();                            // picture type
                skip(b, b.getInt());                   // MIME type
                skip(b, b.getInt());                   // description
                b.position(b.position() + 16);         // width, height, depth, colours
                skip(b, b.getInt());                   // picture data
            }
        } catch (RuntimeException e) { // BufferUnderflow, IllegalArgument: a length past the block
            throw new AudioFormatException(file, what + " (a length runs past the block)");
        }
    }

    private static void skip(ByteBuffer b, int length) {
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("length " + length);
        }
        b.position(b.position() + length);
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.max(0, n));
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }
}
