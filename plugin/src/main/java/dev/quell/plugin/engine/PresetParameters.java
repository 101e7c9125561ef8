package dev.quell.plugin.engine;

import dev.quell.presets.FactoryPresets;
import dev.quell.presets.Preset;
import dev.quell.presets.PresetSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which engine parameters presets may set (all but bypass: a preset never bypasses the plugin),
 * and the schema that validates preset files against the engine's own ranges.
 */
public final class PresetParameters {
    /** The parameters a preset sets, in order. */
    public static final List<Parameter> PARAMETERS = List.of(Parameter.POST_FILTER, Parameter.LOOKAHEAD,
            Parameter.ATTENUATION_LIMIT);

    /** Validates preset values with {@link Parameter#check(double)}. */
    public static final PresetSchema SCHEMA = new PresetSchema() {
        private final Set<String> ids = ids();

        @Override
        public Set<String> parameterIds() {
            return ids;
        }

        @Override
        public String check(String id, double value) {
            Parameter p = Parameter.byId(id);
            String problem = p.check(value);
            return problem;
        }
    };

    private PresetParameters() {
    }

    private static Set<String> ids() {
        Set<String> s = new LinkedHashSet<>();
        for (Parameter p : PARAMETERS) {
            s.add(p.id());
        }
        return Set.copyOf(s);
    }

    /** @return the factory presets, validated against the engine's parameters */
    public static List<Preset> factory() {
        return FactoryPresets.load(SCHEMA);
    }
}
