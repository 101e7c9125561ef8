package dev.quell.presets;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * User presets: one {@code .json} file per preset in a directory (by default
 * {@code ~/.config/quell/presets}, or {@code $XDG_CONFIG_HOME/quell/presets}). Saving writes a
 * temporary file and renames it over the target, so a crash never leaves half a preset; file
 * names come from the preset name (lower case, runs of other characters become '-').
 */
public final class UserPresets {
    private final Path dir;
    private final PresetSchema schema;

    /**
     * A loaded directory: the valid presets and, for each file that could not be used, its error.
     *
     * @param presets valid presets, sorted by name
     * @param errors one message per rejected file (each names the file)
     */
    public record Listing(List<Preset> presets, List<String> errors) {
    }

    /**
     * @param dir preset directory (need not exist yet)
     * @param schema parameters and ranges to validate against
     */
    public UserPresets(Path dir, PresetSchema schema) {
        this.dir = dir;
        this.schema = schema;
    }

    /** @return the default user preset directory of this user */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("quell").resolve("presets");
    }

    /** @return the directory */
    public Path directory() {
        return dir;
    }

    /**
     * Reads every {@code *.json} file of the directory; bad files are reported, not fatal.
     *
     * @return presets and errors (both empty when the directory does not exist)
     * @throws IOException if the directory exists but cannot be listed
     */
    public Listing list() throws IOException {
        List<Preset> presets = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(List.of(), List.of());
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    presets.add(read(f));
                } catch (IOException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        presets.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        errors.sort(null);
        return new Listing(List.copyOf(presets), List.copyOf(errors));
    }

    /**
     * Reads one preset file.
     *
     * @param file the file
     * @return the preset
     * @throws PresetFormatException if it is not a valid preset (message names the file)
     * @throws IOException if it cannot be read
     */
    public Preset read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new PresetFormatException(file.toString(), "no such preset file");
        }
        return PresetCodec.read(file.toString(), Files.readAllBytes(file), schema);
    }

    /**
     * Saves a preset atomically, replacing a user preset of the same file name.
     *
     * @param preset the preset; its values are validated first
     * @return the file written
     * @throws PresetFormatException if a value is out of range or unknown (nothing is written)
     * @throws IOException if writing fails
     */
    public Path save(Preset preset) throws IOException {
        byte[] bytes = PresetCodec.write(preset);
        PresetCodec.read(preset.name(), bytes, schema); // validate before touching the disk
        Path target = dir.resolve(fileName(preset.name()));
        dev.quell.files.AtomicFiles.write(target, bytes);
        return target;
    }

    /**
     * @param name preset name
     * @return its file name: lower case letters and digits, other runs as '-', plus ".json"
     */
    public static String fileName(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "preset" : base) + ".json";
    }
}
