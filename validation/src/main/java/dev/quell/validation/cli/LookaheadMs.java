package dev.quell.validation.cli;

import dev.quell.cli.CliException;

/** The {@code --lookahead-ms} value of the developer commands: 0, 10 or 20 ms (0-2 frames of 10 ms). */
final class LookaheadMs {
    private LookaheadMs() {
    }

    /**
     * @param ms the option's value, milliseconds
     * @return the look-ahead in frames, 0..2
     * @throws CliException (a usage error) for any other value
     */
    static int frames(int ms) {
        if (ms != 0 && ms != 10 && ms != 20) {
            throw new CliException("--lookahead-ms must be 0, 10 or 20, got " + ms);
        }
        return ms / 10;
    }
}
