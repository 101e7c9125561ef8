package dev.quell.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {
    /** The parameter ranges of the engine, restated so this module stays independent of it. */
    static final PresetSchema SCHEMA = new PresetSchema() {
        @Override
        public Set<String> parameterIds() {
            return Set.of("post_filter", "lookahead", "attenuation_limit");
        }

        @Override
        public String check(String id, double v) {
            switch (id) {
                case "post_filter":
                    return v >= 0 && v <= 100 ? null : "must be between 0 and 100 %";
                case "lookahead":
                    return v == 0 || v == 10 || v == 20 ? null : "must be 0, 10 or 20 ms";
                default:
                    return v >= 6 && v <= 100 ? null : "must be between 6 and 100 dB";
            }
        }
    };

    @TempDir
    Path dir;

    private static PresetFormatException reject(String json) {
        return assertThrows(PresetFormatException.class,
                () -> PresetCodec.read("x.json", json.getBytes(StandardCharsets.UTF_8), SCHEMA));
    }

    @Test
    void factoryPresetsLoadInOrder() {
        List<Preset> p = FactoryPresets.load(SCHEMA);
        assertEquals(List.of("Podcast voice", "Live broadcast (low latency)", "Gentle cleanup", "Maximum suppression"),
                p.stream().map(Preset::name).toList());
        assertEquals(0.0, p.get(1).values().get("lookahead"));
        assertEquals(12.0, p.get(2).values().get("attenuation_limit"));
        for (Preset x : p) {
            assertTrue(x.description().length() > 20, x.name());
        }
    }

    @Test
    void roundTripIsExact() throws IOException {
        Preset p = new Preset("Mine", "my voice", Map.of("post_filter", 37.25, "attenuation_limit", 18.5));
        assertEquals(p, PresetCodec.read("mem", PresetCodec.write(p), SCHEMA));
    }

    @Test
    void malformedPresetsAreRejectedNamingFileAndProblem() {
        assertTrue(reject("{ nope").getMessage().startsWith("x.json: not valid JSON"));
        assertTrue(reject("[1,2]").getMessage().contains("JSON object"));
        String ok = "\"format\":\"quell-preset\",\"version\":1,\"name\":\"A\"";
        assertTrue(reject("{\"format\":\"other\",\"version\":1,\"name\":\"A\",\"parameters\":{}}").getMessage()
                .contains("not a Quell preset"));
        assertTrue(reject("{\"format\":\"quell-preset\",\"version\":7,\"name\":\"A\",\"parameters\":{}}").getMessage()
                .contains("unsupported preset version 7"));
        assertTrue(reject("{" + ok + "}").getMessage().contains("\"parameters\" must be an object"));
        assertTrue(reject("{" + ok + ",\"parameters\":{\"volume\":3}}").getMessage().contains("unknown parameter 'volume'"));
        assertTrue(reject("{" + ok + ",\"parameters\":{\"lookahead\":15}}").getMessage()
                .contains("'lookahead' = 15: must be 0, 10 or 20 ms"));
        assertTrue(reject("{" + ok + ",\"parameters\":{\"post_filter\":\"high\"}}").getMessage().contains("must be a number"));
        assertTrue(reject("{" + ok + ",\"paramters\":{}}").getMessage().contains("unknown field 'paramters'"));
        assertTrue(reject("{\"format\":\"quell-preset\",\"version\":1,\"name\":\"  \",\"parameters\":{}}").getMessage()
                .contains("\"name\""));
    }

    @Test
    void userPresetsSaveAtomicallyAndListSkippingBadFiles() throws IOException {
        UserPresets user = new UserPresets(dir.resolve("presets"), SCHEMA);
        assertTrue(user.list().presets().isEmpty());
        Path f = user.save(new Preset("Studio B / Vocal", "", Map.of("post_filter", 60.0)));
        assertEquals("studio-b-vocal.json", f.getFileName().toString());
        user.save(new Preset("Studio B / Vocal", "second take", Map.of("post_filter", 70.0)));
        Files.writeString(user.directory().resolve("broken.json"), "{\"format\":\"quell-preset\"");
        UserPresets.Listing l = user.list();
        assertEquals(1, l.presets().size());
        assertEquals(70.0, l.presets().get(0).values().get("post_filter"));
        assertEquals(1, l.errors().size());
        assertTrue(l.errors().get(0).contains("broken.json"), l.errors().get(0));
        try (var s = Files.list(user.directory())) {
            assertEquals(2, s.count(), "no temporary files left behind");
        }
        PresetFormatException e = assertThrows(PresetFormatException.class,
                () -> user.save(new Preset("Bad", "", Map.of("lookahead", 5.0))));
        assertTrue(e.getMessage().contains("lookahead"));
        assertTrue(Files.notExists(user.directory().resolve("bad.json")));
    }
}
