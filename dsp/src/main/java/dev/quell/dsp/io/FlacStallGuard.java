package dev.quell.dsp.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;

/**
 * Stops jflac (1.5.2) when it retries a corrupt frame without moving through the file. Its
 * {@code readNextFrame} retries every frame that fails to decode; once the samples STREAMINFO
 * declares have been decoded its sync search returns at once, so a failing frame header is read
 * from the same two bytes again and again, for ever (found by {@code AudioReaderFuzzTest}). jflac
 * reports each failure to its frame listeners first; this listener counts failures at an
 * unchanged read position and, after {@link #MAX_STALLED_ERRORS}, throws an unchecked exception
 * that jflac does not catch, so the reader ends with the frames decoded so far. A corrupt region
 * that jflac skips byte by byte moves the position and is never stopped.
 */
final class FlacStallGuard implements FrameListener {
    /** Failures in a row at one read position tolerated before the decoder is stopped. */
    static final int MAX_STALLED_ERRORS = 64;

    private final FLACDecoder decoder;
    private long lastPosition = -1;
    private int stalled;

    /** @param decoder the decoder to watch; add this listener to it */
    FlacStallGuard(FLACDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void processError(String msg) {
        long position = decoder.getBitInputStream().getTotalBytesRead();
        if (position != lastPosition) {
            lastPosition = position;
            stalled = 0;
        } else if (++stalled >= MAX_STALLED_ERRORS) {
            throw new UncheckedIOException(new IOException("the decoder stopped advancing in a corrupt frame"));
        }
    }

    @Override
    public void processMetadata(Metadata metadata) {
        // nothing to watch
    }

    @Override
    public void processFrame(Frame frame) {
        // nothing to watch
    }
}
