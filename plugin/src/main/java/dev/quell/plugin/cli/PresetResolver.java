package dev.quell.plugin.cli;

import dev.quell.plugin.engine.PresetParameters;
import dev.quell.presets.Preset;
import dev.quell.presets.UserPresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a preset by name for the CLI: a factory preset, a user preset in the user preset
 * directory (both case-insensitive), or a path to a preset file.
 */
final class PresetResolver {
    private PresetResolver() {
    }

    /**
     * @param nameOrFile preset name or path to a .json preset
     * @param userDir user preset directory
     * @return the preset
     * @throws CliException if nothing matches or the file is invalid (the message lists the names)
     */
    static Preset resolve(String nameOrFile, Path userDir) {
        List<String> names = new ArrayList<>();
        for (Preset p : PresetParameters.factory()) {
            if (p.name().equalsIgnoreCase(nameOrFile)) {
                return p;
            }
            names.add(p.name());
        }
        UserPresets user = new UserPresets(userDir, PresetParameters.SCHEMA);
        try {
            UserPresets.Listing l = user.list();
            for (Preset p : l.presets()) {
                if (p.name().equalsIgnoreCase(nameOrFile)) {
                    return p;
                }
                names.add(p.name());
            }
            Path f = Path.of(nameOrFile);
            if (nameOrFile.endsWith(".json") || Files.isRegularFile(f)) {
                return user.read(f);
            }
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        throw new CliException("no preset named '" + nameOrFile + "' (presets: " + String.join(", ", names) + ")");
    }
}
