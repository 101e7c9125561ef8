package dev.quell.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code quell} command line. Sub-commands are found with
 * {@link ServiceLoader} ({@link QuellCommand}); {@code quell --help} lists them and every
 * sub-command has its own {@code --help}.
 *
 * <p>Exit codes: 0 success, 1 a processing error (reported as one line "quell: reason"),
 * 2 a usage error (unknown option, bad value).
 */
@Command(name = "quell", mixinStandardHelpOptions = true, version = "quell 0.1.0",
        description = "Quell: real-time PercepNet-style speech enhancement (noise and some reverberation) for WAV and FLAC files.",
        subcommandsRepeatable = false)
public final class QuellCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with every discovered sub-command.
     *
     * @return the configured picocli command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new QuellCli());
        for (QuellCommand c : ServiceLoader.load(QuellCommand.class)) {
            cl.addSubcommand(c);
        }
        // one order in every --help: the options as declared, the standard -h/-V last
        cl.getCommandSpec().usageMessage().sortOptions(false);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().sortOptions(false);
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            // one line, as every other error; the usage is one --help away
            PrintWriter err = ex.getCommandLine().getErr();
            String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage().lines().findFirst().orElse("");
            err.println("quell: " + msg + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof CliException) {
                err.println("quell: " + ex.getMessage());
                err.flush();
                return ((CliException) ex).exitCode();
            }
            String msg = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            err.println("quell: " + msg.lines().findFirst().orElse(ex.toString()));
            err.flush();
            if (System.getenv("QUELL_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        return cl;
    }

    /**
     * Runs the CLI.
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
