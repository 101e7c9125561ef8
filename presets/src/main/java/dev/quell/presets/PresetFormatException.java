package dev.quell.presets;

import java.io.IOException;

/**
 * A preset file that cannot be used; the message names the file (or resource) and the problem, on
 * one line: control characters a hostile file put into a name or key are shown as '?' (found by
 * {@code PresetCodecFuzzTest}).
 */
public final class PresetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source file name or resource the preset came from
     * @param problem what is wrong with it
     */
    public PresetFormatException(String source, String problem) {
        super((source + ": " + problem).replaceAll("\\p{Cntrl}", "?"));
    }
}
