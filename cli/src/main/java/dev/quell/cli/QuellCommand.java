package dev.quell.cli;

import java.util.concurrent.Callable;

/**
 * A sub-command of {@code quell}, discovered with {@link java.util.ServiceLoader} so that modules
 * further down the dependency table (validation: {@code oracle}, {@code eval}, {@code bench}) can
 * add commands without the CLI depending on them.
 *
 * <p>Implementations are picocli {@code @Command} classes with a public no-argument constructor,
 * listed in {@code META-INF/services/dev.quell.cli.QuellCommand}. {@link #call()} returns
 * the process exit code; it reports problems with {@link CliException}, whose message becomes the
 * one-line error shown to the user.
 */
public interface QuellCommand extends Callable<Integer> {
}
