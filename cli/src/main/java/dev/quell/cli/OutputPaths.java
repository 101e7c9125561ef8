package dev.quell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file-name rules every command shares: which files are audio, how an output is named, and
 * the guard that outputs never overwrite or land inside inputs (usage errors, exit code 2).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * @param p a path
     * @return true for names ending in .wav or .flac (case-insensitive)
     */
    public static boolean isAudio(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".flac");
    }

    /**
     * Replaces the extension of a file name by ".wav".
     *
     * @param name a file name
     * @return the name ending in .wav
     */
    public static String wavName(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".wav";
    }

    /**
     * Refuses an output that is, or lies inside, an input (file or folder).
     *
     * @param output planned output file or folder
     * @param inputs input files or folders
     * @throws CliException when the output would touch an input
     * @throws IOException if a path cannot be resolved
     */
    public static void checkNotInput(Path output, Path... inputs) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            Path i = in.toAbsolutePath().normalize();
            if (Files.exists(out) && Files.exists(i) && Files.isSameFile(out, i)) {
                throw new CliException("refusing to overwrite the input " + in + " with the output " + output, 2);
            }
            if (Files.isDirectory(i) && out.startsWith(i)) {
                throw new CliException("output " + output + " lies inside the input folder " + in, 2);
            }
            if (out.equals(i)) {
                throw new CliException("refusing to overwrite the input " + in + " with the output " + output, 2);
            }
        }
    }
}
