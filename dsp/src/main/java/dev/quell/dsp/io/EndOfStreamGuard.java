package dev.quell.dsp.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An input stream that ends a decoder's retry loop at the end of its input. jflac (1.5.2) retries a
 * frame that failed to decode by searching for the next frame sync; its sync search treats the end
 * of the stream as "no more sync" and returns, the frame decode fails again at the end of the
 * stream, and the decoder retries forever without reading a byte (found by
 * {@code AudioReaderFuzzTest}: a 163-byte file kept the reader spinning). A normal end of stream
 * is asked for a few times; after {@link #MAX_END_READS} reads past the end this stream throws an
 * unchecked exception, which jflac does not catch, so the caller ends with the frames decoded so
 * far.
 */
final class EndOfStreamGuard extends FilterInputStream {
    /** Reads past the end tolerated; jflac's normal end of stream takes two or three. */
    static final int MAX_END_READS = 64;

    private int endReads;

    /** @param in the stream to guard */
    EndOfStreamGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return counted(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return counted(super.read(b, off, len));
    }

    private int counted(int n) {
        if (n < 0 && ++endReads > MAX_END_READS) {
            throw new UncheckedIOException(new IOException("the decoder kept reading past the end of the file"));
        }
        return n;
    }
}
