package dev.quell.plugin.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.plugin.engine.Parameter;
import org.junit.jupiter.api.Test;

class BundleFilesTest {
    @Test
    void theCParameterTableIsTheEnginesOwn() {
        String h = BundleFiles.header();
        assertTrue(h.contains("#define QUELL_PARAM_COUNT " + Parameter.values().length), h);
        for (Parameter p : Parameter.values()) {
            assertTrue(h.contains("#define QUELL_PARAM_" + p.name() + " " + p.index()), p.name());
            assertTrue(h.contains("\"" + p.id() + "\", \"" + p.displayName() + "\""), p.id());
        }
    }

    @Test
    void lv2DataDescribesEveryPortAndPreset() {
        String ttl = BundleFiles.pluginTtl("0.1.0");
        for (String s : new String[] {"lv2:symbol \"post_filter\"", "lv2:symbol \"lookahead\"", "lv2:symbol \"attenuation_limit\"",
                "lv2:designation lv2:enabled", "lv2:reportsLatency", "units:unit units:db", "lv2:symbol \"in_r\"",
                "lv2:minorVersion 4", "lv2:microVersion 0",
                "lv2:symbol \"engine\"", "rdfs:label \"passing through\""}) {
            assertTrue(ttl.contains(s), "quell.ttl lacks " + s);
        }
        // lv2lint: an lv2:integer port's values are integers; the plugin names a maintainer
        String lookahead = ttl.substring(ttl.indexOf("lv2:symbol \"lookahead\""));
        lookahead = lookahead.substring(0, lookahead.indexOf("    ]"));
        for (String s : new String[] {"lv2:default 20 ;", "lv2:minimum 0 ;", "lv2:maximum 20 ;", "rdf:value 10 ]"}) {
            assertTrue(lookahead.contains(s), "look-ahead port lacks " + s + ":\n" + lookahead);
        }
        assertTrue(!lookahead.contains(".0"), lookahead);
        assertTrue(ttl.contains("lv2:default 100.0 ;"), "continuous ports keep decimals");
        assertEquals(2, ttl.split("doap:maintainer").length - 1);
        assertEquals(2, ttl.split("foaf:homepage <https://quell.dev>").length - 1, "lv2lint: the author's homepage");
        String presets = BundleFiles.presetsTtl();
        assertEquals(8, presets.split("a pset:Preset").length - 1, "4 factory presets x 2 plugins");
        assertTrue(presets.contains("rdfs:label \"Live broadcast (low latency)\""));
        assertTrue(BundleFiles.manifest().contains("lv2:binary <quell_lv2.so>"));
        assertTrue(BundleFiles.moduleInfo("0.1.0").contains("\"Sub Categories\""));
    }
}
