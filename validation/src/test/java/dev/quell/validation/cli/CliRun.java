package dev.quell.validation.cli;

import dev.quell.cli.QuellCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code quell} command line with {@code System.out} captured, for the
 * command tests of this module.
 *
 * @param exitCode the command's exit code (0 on success)
 * @param stdout everything the command printed to standard output, UTF-8
 */
record CliRun(int exitCode, String stdout) {
    /**
     * Runs {@link QuellCli#execute} with args, restoring {@code System.out} afterwards.
     *
     * @param args the command line
     * @return the exit code and standard output
     */
    static CliRun of(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = QuellCli.execute(args);
        } finally {
            System.setOut(old);
        }
        return new CliRun(rc, buf.toString(StandardCharsets.UTF_8));
    }
}
