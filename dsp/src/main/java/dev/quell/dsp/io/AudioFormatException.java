package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not audio Quell can read: truncated, malformed or of an unsupported encoding. The
 * message is one line: control characters (in a file name, or quoted from the file) show as '?'.
 */
public final class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the offending file (named in the message)
     * @param problem what is wrong with it
     */
    public AudioFormatException(Path file, String problem) {
        super((file + ": " + problem).replaceAll("\\p{Cntrl}", "?"));
    }

    /**
     * @param file the offending file
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public AudioFormatException(Path file, String problem, Throwable cause) {
        super((file + ": " + problem).replaceAll("\\p{Cntrl}", "?"), cause);
    }
}
