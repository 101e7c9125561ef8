package dev.quell.dsp.io;

import java.io.IOException;

/**
 * An audio file written block by block and made visible only when complete ({@link WavSink},
 * {@link FlacSink}).
 */
public interface AudioSink extends AutoCloseable {
    /**
     * Appends frames.
     *
     * @param data per channel, linear, full scale 1.0
     * @param offset first frame to take
     * @param count frames to take
     * @throws IOException if writing fails
     */
    void write(float[][] data, int offset, int count) throws IOException;

    /**
     * Completes the file and moves it into place.
     *
     * @throws IOException if that fails (nothing is left behind)
     */
    void finish() throws IOException;

    /** Discards the file unless {@link #finish()} completed it. */
    @Override
    void close() throws IOException;
}
