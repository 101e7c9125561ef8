package dev.quell.dsp.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The two things the decoder needs of a FLAC file's metadata, found without the decoder: the
 * STREAMINFO block and the byte offset where the audio frames start. {@link FlacSource} hands the
 * decoder (jflac) a stream made of the "fLaC" marker, the STREAMINFO block marked as the last one,
 * and the file from the first frame on ({@link #decoderInput}), so jflac never parses the other
 * metadata blocks. It sizes arrays by the counts those blocks declare and parses a CUESHEET by
 * its contents rather than by its declared length, so a corrupt tag block could make it allocate
 * until the heap ran out: found twice by {@code AudioReaderFuzzTest}, once by a VORBIS_COMMENT
 * declaring two billion comments, once by a CUESHEET shorter than it declared, behind which jflac
 * read the next block header from the middle of the block. Tags, pictures and cue sheets do not change the audio, so a file whose
 * tags are corrupt still decodes.
 *
 * <p>Checked (FLAC format specification, "METADATA_BLOCK" and "METADATA_BLOCK_STREAMINFO"): the
 * "fLaC" marker (after an ID3v2 tag, if any), a first block of type STREAMINFO (0) and length 34,
 * each block's 24-bit length within the file, no block of the invalid type 127, and the last-block
 * flag reached within {@link #MAX_BLOCKS} blocks.
 */
final class FlacMetadata {
    /** Length of a STREAMINFO block's body in bytes (FLAC format specification). */
    static final int STREAMINFO_LENGTH = 34;
    /** Most metadata blocks looked at; a real file has a handful. */
    private static final int MAX_BLOCKS = 1024;

    private final byte[] streamInfo;
    private final long audioOffset;

    private FlacMetadata(byte[] streamInfo, long audioOffset) {
        this.streamInfo = streamInfo;
        this.audioOffset = audioOffset;
    }

    /**
     * @param file a FLAC file
     * @return its STREAMINFO block and audio offset
     * @throws AudioFormatException naming the file and the first inconsistency
     * @throws IOException if reading fails
     */
    static FlacMetadata read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = markerOffset(ch);
            ByteBuffer marker = read(ch, pos, 4);
            if (marker.remaining() < 4 || marker.get(0) != 'f' || marker.get(1) != 'L' || marker.get(2) != 'a' || marker.get(3) != 'C') {
                throw new AudioFormatException(file, pos > 0 ? "an ID3 tag not followed by a FLAC stream (an MP3?)"
                        : "not a FLAC file (no fLaC marker)");
            }
            pos += 4;
            byte[] streamInfo = null;
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
                if (n == 0) {
                    if (type != 0 || length != STREAMINFO_LENGTH) {
                        throw new AudioFormatException(file, "FLAC metadata does not start with a STREAMINFO block of "
                                + STREAMINFO_LENGTH + " bytes (type " + type + ", " + length + " bytes)");
                    }
                    streamInfo = read(ch, pos, STREAMINFO_LENGTH).array();
                }
                pos += length;
                if (last) {
                    return new FlacMetadata(streamInfo, pos);
                }
            }
            throw new AudioFormatException(file, "FLAC metadata has more than " + MAX_BLOCKS + " blocks");
        }
    }

    /**
     * The stream the decoder reads: "fLaC", the STREAMINFO block flagged as the last metadata
     * block, then the file's bytes from the first audio frame (the first byte after the metadata) on.
     *
     * @param file the file this metadata was read from
     * @return a new stream; the caller closes it
     * @throws IOException if the file cannot be opened
     */
    InputStream decoderInput(Path file) throws IOException {
        byte[] head = new byte[8 + STREAMINFO_LENGTH];
        head[0] = 'f';
        head[1] = 'L';
        head[2] = 'a';
        head[3] = 'C';
        head[4] = (byte) 0x80; // last-metadata-block flag, type 0 (STREAMINFO)
        head[7] = STREAMINFO_LENGTH;
        System.arraycopy(streamInfo, 0, head, 8, STREAMINFO_LENGTH);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ch.position(audioOffset);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new SequenceInputStream(new ByteArrayInputStream(head), Channels.newInputStream(ch));
    }

    /** Offset of the "fLaC" marker: 0, or just after an ID3v2 tag (ID3v2.4 "ID3v2 header"). */
    private static long markerOffset(FileChannel ch) throws IOException {
        ByteBuffer head = read(ch, 0, 10);
        if (head.remaining() >= 10 && head.get(0) == 'I' && head.get(1) == 'D' && head.get(2) == '3') {
            int tag = ((head.get(6) & 0x7f) << 21) | ((head.get(7) & 0x7f) << 14) | ((head.get(8) & 0x7f) << 7) | (head.get(9) & 0x7f);
            return 10L + tag;
        }
        return 0;
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
