package dev.quell.validation.cli;

import dev.quell.cli.CliException;
import dev.quell.cli.OutputPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Clean/noisy file pairs matched by file name, with the input SNR of each pair when known.
 *
 * <p>The SNR comes from a {@code list.csv} with {@code name} and {@code snr_db} columns (the dev
 * set's layout: the file beside the noisy folder), or else from a {@code _snr<dB>} tag in the file
 * name; pairs with neither get NaN.
 */
public final class PairedFiles {
    private static final Pattern SNR_TAG = Pattern.compile("_snr(-?\\d+(?:\\.\\d+)?)");

    /**
     * One pair.
     *
     * @param name file name (shared by both sides)
     * @param clean clean file
     * @param noisy noisy file
     * @param snrDb input SNR in dB, NaN when unknown
     * @param noiseType noise family from the list's {@code noise} column (the part before the
     *     first '-', e.g. "esc50", "moh"), or "" when unknown
     */
    public record Pair(String name, Path clean, Path noisy, double snrDb, String noiseType) {
    }

    private PairedFiles() {
    }

    /**
     * Pairs two files, or the files of two folders by name.
     *
     * @param clean clean file or folder
     * @param noisy noisy file or folder
     * @param listCsv optional list.csv with name and snr_db columns (null: look beside the noisy folder)
     * @return pairs sorted by name
     * @throws CliException if a path is missing, the kinds differ or no pair matches
     * @throws IOException if a folder cannot be listed
     */
    public static List<Pair> find(Path clean, Path noisy, Path listCsv) throws IOException {
        if (!Files.exists(clean)) {
            throw new CliException("clean input not found: " + clean);
        }
        if (!Files.exists(noisy)) {
            throw new CliException("noisy input not found: " + noisy);
        }
        List<Pair> pairs = new ArrayList<>();
        if (Files.isDirectory(noisy) != Files.isDirectory(clean)) {
            throw new CliException("--clean and --noisy must both be files or both be folders");
        }
        Map<String, String[]> snr = readList(listCsv != null ? listCsv
                : (Files.isDirectory(noisy) && noisy.toAbsolutePath().getParent() != null
                ? noisy.toAbsolutePath().getParent().resolve("list.csv") : null));
        if (!Files.isDirectory(noisy)) {
            String name = noisy.getFileName().toString();
            pairs.add(new Pair(name, clean, noisy, snrOf(name, snr), noiseOf(name, snr)));
            return pairs;
        }
        try (Stream<Path> s = Files.list(noisy)) {
            for (Path n : (Iterable<Path>) s.filter(OutputPaths::isAudio).sorted()::iterator) {
                String name = n.getFileName().toString();
                Path c = clean.resolve(name);
                if (Files.isRegularFile(c)) {
                    pairs.add(new Pair(name, c, n, snrOf(name, snr), noiseOf(name, snr)));
                }
            }
        }
        if (pairs.isEmpty()) {
            throw new CliException("no file in " + noisy + " has a namesake in " + clean);
        }
        return pairs;
    }

    private static String noiseOf(String name, Map<String, String[]> list) {
        String[] v = list.get(name);
        if (v == null || v[1] == null || v[1].isBlank()) {
            return "";
        }
        int dash = v[1].indexOf('-');
        return dash > 0 ? v[1].substring(0, dash) : v[1];
    }

    private static double snrOf(String name, Map<String, String[]> list) {
        String[] v = list.get(name);
        if (v != null && v[0] != null) {
            try {
                return Double.parseDouble(v[0].trim());
            } catch (NumberFormatException e) {
                throw new CliException("list.csv: bad snr_db value '" + v[0] + "' for " + name);
            }
        }
        Matcher m = SNR_TAG.matcher(name);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** name -> {snr_db, noise} from a list.csv (either column may be missing). */
    private static Map<String, String[]> readList(Path csv) throws IOException {
        Map<String, String[]> map = new HashMap<>();
        if (csv == null || !Files.isRegularFile(csv)) {
            return map;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return map;
        }
        String[] head = lines.get(0).split(",");
        int nameCol = -1;
        int snrCol = -1;
        int noiseCol = -1;
        for (int i = 0; i < head.length; i++) {
            switch (head[i].trim()) {
                case "name": nameCol = i; break;
                case "snr_db": snrCol = i; break;
                case "noise": noiseCol = i; break;
                default: break;
            }
        }
        if (nameCol < 0) {
            return map;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length > nameCol) {
                map.put(f[nameCol].trim(), new String[] {
                        snrCol >= 0 && f.length > snrCol ? f[snrCol] : null,
                        noiseCol >= 0 && f.length > noiseCol ? f[noiseCol].trim() : null});
            }
        }
        return map;
    }
}
