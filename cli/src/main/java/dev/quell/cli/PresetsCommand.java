package dev.quell.cli;

import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.PresetParameters;
import dev.quell.presets.Preset;
import dev.quell.presets.UserPresets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quell presets}: lists the factory presets and the user's presets with their values. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the factory and user presets (use a name with 'enhance --preset').")
public final class PresetsCommand implements QuellCommand {
    @Option(names = "--preset-dir", paramLabel = "DIR",
            description = "User preset folder (default: ~/.config/quell/presets or $XDG_CONFIG_HOME/quell/presets).")
    Path presetDir;

    @Override
    public Integer call() throws IOException {
        System.out.println("Factory presets:");
        for (Preset p : PresetParameters.factory()) {
            print(p);
        }
        UserPresets user = new UserPresets(presetDir != null ? presetDir : UserPresets.defaultDirectory(),
                PresetParameters.SCHEMA);
        UserPresets.Listing l = user.list();
        System.out.println("User presets (" + user.directory() + "):" + (l.presets().isEmpty() ? " none" : ""));
        for (Preset p : l.presets()) {
            print(p);
        }
        for (String e : l.errors()) {
            System.err.println("quell: skipped " + e);
        }
        return 0;
    }

    private static void print(Preset p) {
        StringBuilder s = new StringBuilder("  ").append(p.name()).append(" —");
        for (Parameter q : PresetParameters.PARAMETERS) {
            Map<String, Double> v = p.values();
            s.append(' ').append(q.displayName().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(q.format(v.getOrDefault(q.id(), q.defaultValue()))).append(',');
        }
        s.setLength(s.length() - 1);
        System.out.println(s);
        if (!p.description().isEmpty()) {
            System.out.println("      " + p.description());
        }
    }
}
