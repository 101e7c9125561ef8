package dev.quell.nn;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that is malformed, truncated, corrupt or of an unknown version. */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the model file (named in the message)
     * @param problem what is wrong
     */
    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
