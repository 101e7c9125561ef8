package dev.quell.plugin.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Keeps string literals out of the classes the audio thread runs (issue 20): HotSpot resolves
 * every string constant of a class when it first compiles one of its methods with C2, and on the
 * audio thread that resolution allocates unless an equal string is already interned. Every class
 * of the packages the engine's {@code process} runs through must either hold no literal, or only
 * literals the JVM resolves when it initialises the class (enum constant names, constant
 * fields), or be one of the set-up-only classes listed here, or be in
 * {@link JitStringConstants#SCOPE}, which interns its literals in {@code prepare}.
 */
class AudioPathLiteralsTest {
    /** Anchor class and package path of each package the audio path runs through. */
    private static final String[][] PACKAGES = {
        {"dev.quell.dsp.FrameChain", "dev/quell/dsp/"},
        {"dev.quell.dsp.resample.Resampler", "dev/quell/dsp/resample/"},
        {"dev.quell.nn.ModelState", "dev/quell/nn/"},
        {"dev.quell.plugin.engine.QuellEngine", "dev/quell/plugin/engine/"},
        {"dev.quell.plugin.nativebridge.NativeBridge", "dev/quell/plugin/nativebridge/"},
    };

    /** Sub-packages of those that the audio path does not use (file I/O, offline oracle). */
    private static final Set<String> OFF_PATH_PACKAGES = Set.of("dev/quell/dsp/io/", "dev/quell/dsp/oracle/");

    /** Classes with literals that never run on the audio thread, and why. */
    private static final Map<String, String> SET_UP_ONLY = Map.ofEntries(
            Map.entry("dev.quell.dsp.Messages", "exceptions, thrown at set-up"),
            Map.entry("dev.quell.dsp.resample.Messages", "exceptions, thrown at set-up"),
            Map.entry("dev.quell.dsp.DotProduct$Holder", "chooses the kernel once, at class initialisation"),
            Map.entry("dev.quell.nn.Messages", "exceptions and kernel names, at set-up"),
            Map.entry("dev.quell.nn.MatVec$Holder", "chooses the kernel once, at class initialisation"),
            Map.entry("dev.quell.nn.ModelFile", "reads model files"),
            Map.entry("dev.quell.nn.ModelFile$Contents", "reads model files"),
            Map.entry("dev.quell.nn.ModelFile$Parsed", "reads model files"),
            Map.entry("dev.quell.nn.ModelFile$Tensor", "reads model files"),
            Map.entry("dev.quell.nn.ModelFormatException", "reads model files"),
            Map.entry("dev.quell.nn.LayerBuilder", "builds the layers of a model file being read"),
            Map.entry("dev.quell.plugin.engine.Messages", "exceptions, thrown at set-up; state refusals, off the audio thread"),
            Map.entry("dev.quell.plugin.engine.EngineModels", "loads models"),
            Map.entry("dev.quell.plugin.engine.EngineState", "saves and restores state, off the audio thread"),
            Map.entry("dev.quell.plugin.engine.OfflineRenderer", "the command line's file renderer"),
            Map.entry("dev.quell.plugin.nativebridge.Messages", "exceptions and the shim's log line, at set-up"),
            Map.entry("dev.quell.plugin.nativebridge.BundleFiles", "writes the bundles' metadata at build time"));

    @Test
    void audioPathClassesHoldOnlyLiteralsResolvedBeforeTheAudioThreadRuns() throws Exception {
        Set<String> interned = ownClassesInScope();
        Map<String, Set<String>> offending = new TreeMap<>();
        Set<String> setUpOnlySeen = new HashSet<>();
        int checked = 0;
        for (ClassLiterals.ClassFile f : audioPathClassFiles()) {
            String name = f.name().substring(0, f.name().length() - ".class".length()).replace('/', '.');
            if (f.literals().isEmpty()) {
                checked++;
                continue;
            }
            if (SET_UP_ONLY.containsKey(name)) {
                setUpOnlySeen.add(name);
                continue;
            }
            if (interned.contains(name)) {
                continue;
            }
            Set<String> extra = new HashSet<>(f.literals());
            extra.removeAll(resolvedAtInitialisation(Class.forName(name, false, getClass().getClassLoader())));
            if (!extra.isEmpty()) {
                offending.put(name, extra);
            }
            checked++;
        }
        assertTrue(checked > 50, "audio-path classes checked: " + checked);
        assertEquals(Map.of(), offending, "string literals in audio-path classes: move them to the package's Messages");
        Set<String> stale = new HashSet<>(SET_UP_ONLY.keySet());
        stale.removeAll(setUpOnlySeen);
        assertEquals(Set.of(), stale, "set-up-only entries that no longer exist or hold no literal");
    }

    @Test
    void ownClassesInTheInterningScopeNeedIt() throws Exception {
        for (String name : ownClassesInScope()) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            String file = name.replace('.', '/') + ".class";
            Set<String> literals = new HashSet<>(ClassLiterals.read(c, file).get(0).literals());
            literals.removeAll(resolvedAtInitialisation(c));
            assertTrue(!literals.isEmpty(), name + " has no literal that needs interning; drop it from the scope");
        }
    }

    private static List<ClassLiterals.ClassFile> audioPathClassFiles() throws IOException, ClassNotFoundException {
        List<ClassLiterals.ClassFile> out = new ArrayList<>();
        for (String[] p : PACKAGES) {
            Class<?> anchor = Class.forName(p[0], false, AudioPathLiteralsTest.class.getClassLoader());
            for (ClassLiterals.ClassFile f : ClassLiterals.read(anchor, p[1])) {
                String rest = f.name().substring(p[1].length());
                boolean subPackage = rest.contains("/");
                if (!subPackage && OFF_PATH_PACKAGES.stream().noneMatch(f.name()::startsWith)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Quell's own classes that {@link JitStringConstants#SCOPE} names one by one. */
    private static Set<String> ownClassesInScope() {
        Set<String> out = new HashSet<>();
        for (String[] entry : JitStringConstants.SCOPE) {
            if (entry[1].startsWith("dev/quell/") && entry[1].endsWith(".class")) {
                out.add(entry[0]);
            }
        }
        return out;
    }

    /** Literals the JVM resolves when it initialises c: enum constant names and String constant fields. */
    private static Set<String> resolvedAtInitialisation(Class<?> c) throws IllegalAccessException {
        Set<String> out = new HashSet<>();
        if (c.isEnum()) {
            for (Object e : c.getEnumConstants()) {
                out.add(((Enum<?>) e).name());
            }
        }
        for (Field f : c.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
                f.setAccessible(true);
                Object v = f.get(null);
                if (v != null) {
                    out.add((String) v);
                }
            }
        }
        return out;
    }
}
