package dev.quell.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which file {@code quell enhance} writes for which input, decided and checked before any audio
 * is processed:
 *
 * <ul>
 *   <li>one input file and an OUTPUT that is not a folder: OUTPUT is the file, and must end in
 *       {@code .wav} or {@code .flac} (the container written);</li>
 *   <li>otherwise (a folder input, several inputs, an existing folder, or an OUTPUT ending in
 *       {@code /}) OUTPUT is a folder, created when missing: an input file keeps its name, a
 *       folder's tree of .wav/.flac files is mirrored (under the folder's own name when there are
 *       several inputs), and every output keeps its input's container;</li>
 *   <li>refused, with one line: an output that is an input; two inputs with the same output
 *       name (also differing only in case); an output folder nobody may write to ("permission
 *       denied: DIR").</li>
 * </ul>
 */
final class OutputPlan {
    /** One file to process. */
    record Job(Path in, Path out) {
    }

    private OutputPlan() {
    }

    /**
     * @param inputs files or folders, at least one
     * @param output as given on the command line
     * @return the jobs, in input order (folders sorted)
     * @throws CliException (exit 2) for a usage problem, or (exit 1) a missing or unwritable place
     * @throws IOException if a folder cannot be listed
     */
    static List<Job> plan(List<Path> inputs, String output) throws IOException {
        boolean trailingSlash = output.endsWith("/") || output.endsWith(java.io.File.separator);
        Path out = Path.of(output).toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw new CliException(in + ": no such file or folder");
            }
        }
        boolean single = inputs.size() == 1 && !Files.isDirectory(inputs.get(0));
        boolean toFolder = !single || trailingSlash || Files.isDirectory(out);
        List<Job> jobs = new ArrayList<>();
        if (!toFolder) {
            if (!OutputPaths.isAudio(out)) {
                throw new CliException("OUTPUT must end in .wav or .flac (the format written): " + output, 2);
            }
            jobs.add(new Job(inputs.get(0).toAbsolutePath().normalize(), out));
        } else {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new CliException("OUTPUT must be a folder for " + (single ? "this input" : "several inputs")
                        + ", and " + output + " is a file", 2);
            }
            for (Path given : inputs) {
                Path in = given.toAbsolutePath().normalize();
                if (Files.isDirectory(in)) {
                    if (out.equals(in)) {
                        throw new CliException("refusing to write into the input folder " + given + "; choose another OUTPUT", 2);
                    }
                    Path base = inputs.size() == 1 ? out : out.resolve(in.getFileName().toString());
                    int before = jobs.size();
                    try (Stream<Path> files = Files.walk(in)) {
                        files.filter(Files::isRegularFile).filter(OutputPaths::isAudio)
                                .filter(f -> !f.startsWith(out)).sorted()
                                .forEach(f -> jobs.add(new Job(f, base.resolve(in.relativize(f).toString()))));
                    }
                    if (jobs.size() == before) {
                        throw new CliException(given + ": no .wav or .flac files found");
                    }
                } else {
                    jobs.add(new Job(in, out.resolve(in.getFileName().toString())));
                }
            }
        }
        refuseOverwritingInputs(jobs);
        refuseCollisions(jobs);
        checkWritable(jobs);
        return jobs;
    }

    /** @return whether an output path names a FLAC file */
    static boolean isFlac(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".flac");
    }

    private static void refuseOverwritingInputs(List<Job> jobs) throws IOException {
        Path[] inputs = jobs.stream().map(Job::in).distinct().toArray(Path[]::new);
        for (Job j : jobs) {
            OutputPaths.checkNotInput(j.out(), inputs);
        }
    }

    private static void refuseCollisions(List<Job> jobs) {
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        for (Job j : jobs) {
            byName.computeIfAbsent(j.out().toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(j.in());
        }
        List<String> clashes = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byName.entrySet()) {
            if (e.getValue().size() > 1) {
                List<String> names = e.getValue().stream().map(Path::toString).toList();
                clashes.add(String.join(" and ", names));
            }
        }
        if (!clashes.isEmpty()) {
            throw new CliException("inputs would write the same output: " + String.join("; ", clashes)
                    + " (rename one, or enhance them into different folders)", 2);
        }
    }

    /** Every output folder, or its nearest existing ancestor, must take a new file. */
    private static void checkWritable(List<Job> jobs) throws IOException {
        Set<Path> checked = new LinkedHashSet<>();
        for (Job j : jobs) {
            Path dir = j.out().getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null || !checked.add(dir)) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                throw new CliException("cannot create a folder under " + dir + ": it is a file");
            }
            try {
                Path probe = Files.createTempFile(dir, ".quell-", ".probe");
                Files.delete(probe);
            } catch (AccessDeniedException e) {
                throw new CliException("permission denied: " + dir);
            } catch (IOException e) {
                throw new CliException("cannot write in " + dir + ": " + e.getMessage());
            }
        }
    }
}
