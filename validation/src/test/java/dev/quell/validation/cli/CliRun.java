package dev.quell.validation.cli;

import dev.quell.cli.QuellCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code quell} command line with {@code System.out} and
 * {@code System.err} captured, for the command tests of this module.
 *
 * @param exitCode the command's exit code (0 on success)
 * @param stdout everything the command printed to standard output, UTF-8
 * @param stderr everything the command printed to standard error (its error messages), UTF-8
 */
record CliRun(int exitCode, String stdout, String stderr) {
    /**
     * Runs {@link QuellCli#execute} with args, restoring {@code System.out} and {@code System.err}
     * afterwards.
     *
     * @param args the command line
     * @return the exit code, standard output and standard error
     */
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = QuellCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
