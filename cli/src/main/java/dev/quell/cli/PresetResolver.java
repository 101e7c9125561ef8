package dev.quell.cli;

import dev.quell.plugin.engine.PresetParameters;
import dev.quell.presets.FactoryPresets;
import dev.quell.presets.Preset;
import dev.quell.presets.UserPresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a preset for the CLI, case-insensitively, by its id (the file stem, e.g.
 * {@code podcast-voice}) or its display name (e.g. {@code "Podcast voice"}): a factory preset, then
 * a user preset in the user preset directory; or a path to a preset file.
 */
final class PresetResolver {
    private PresetResolver() {
    }

    /**
     * @param nameOrFile preset id or display name (any case), or path to a .json preset
     * @param userDir user preset directory
     * @return the preset
     * @throws CliException if nothing matches or the file is invalid (the message lists the names)
     */
    static Preset resolve(String nameOrFile, Path userDir) {
        List<String> names = new ArrayList<>();
        String id = nameOrFile.toLowerCase(Locale.ROOT);
        List<Preset> factory = PresetParameters.factory();
        for (int i = 0; i < factory.size(); i++) {
            Preset p = factory.get(i);
            String stem = FactoryPresets.RESOURCES.get(i).replaceFirst("\\.json$", "");
            if (p.name().equalsIgnoreCase(nameOrFile) || stem.equals(id)) {
                return p;
            }
            names.add(stem + " (\"" + p.name() + "\")");
        }
        UserPresets user = new UserPresets(userDir, PresetParameters.SCHEMA);
        try {
            UserPresets.Listing l = user.list();
            for (Preset p : l.presets()) {
                String stem = UserPresets.fileName(p.name()).replaceFirst("\\.json$", "");
                if (p.name().equalsIgnoreCase(nameOrFile) || stem.equals(id)) {
                    return p;
                }
                names.add(stem + " (\"" + p.name() + "\")");
            }
            Path f = Path.of(nameOrFile);
            if (nameOrFile.endsWith(".json") || Files.isRegularFile(f)) {
                return user.read(f);
            }
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        throw new CliException("no preset named '" + nameOrFile + "' (presets: " + String.join(", ", names) + ")", 2);
    }
}
