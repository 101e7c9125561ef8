package dev.quell.plugin.runtime;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Interns, once per JVM, the string literals that classes on the audio path still hold, so that the JIT
 * allocates nothing on the audio thread.
 *
 * <p>Why: when HotSpot submits a method to its optimising compiler (C2), the thread whose call or
 * loop counter crossed the threshold first resolves all string constants of that method's class
 * ({@code CompileBroker::compile_method}, "some prerequisites that are compiler specific"). An
 * unresolved constant becomes a new {@code String} unless an equal string is already interned, so
 * the first C2 compilation of each class, which for once-per-hop code happens thousands of hops
 * after {@code prepare}, used to allocate 70–140 bytes inside {@code process} (measured: about
 * 0.7–1.7 kB in total over the first 25,000 calls, then never again). Interning equal strings
 * here, on the preparing thread, and keeping them reachable makes that resolution a pure lookup.
 *
 * <p>Scope: the audio-path classes of Quell itself hold no string literals (their exception
 * messages are built in per-package {@code Messages} classes; {@code AudioPathLiteralsTest} checks
 * every class of the engine, the JNI bridge, {@code dsp} and {@code nn}), except enum constant
 * names and constant fields, which the JVM resolves when it initialises the class, and the
 * parameter enum, whose value formatting and parsing need text. So this class reads only what
 * still needs it: {@code Parameter} and the third-party code the audio path runs through
 * (JTransforms and its JLargeArrays dependency). The literals are read from the class files
 * themselves ({@link ClassLiterals}). Best effort: a scope entry whose classes cannot be read (no
 * code source, unreadable jar) is skipped and counted in {@link #skipped()}; nothing here throws.
 */
public final class JitStringConstants {
    /**
     * Anchor class name and the resource prefix read in its code source: a package path ending
     * in '/' (with sub-packages) or one class file.
     */
    static final String[][] SCOPE = {
        // value formatting and parsing; setParameter runs inside process for sample-accurate automation
        {"dev.quell.plugin.engine.Parameter", "dev/quell/plugin/engine/Parameter.class"},
        // the 64-point complex transforms of dsp.RealFft and the helpers they call
        {"org.jtransforms.fft.DoubleFFT_1D", "org/jtransforms/fft/DoubleFFT_1D"},
        {"org.jtransforms.fft.DoubleFFT_1D", "org/jtransforms/utils/"},
        {"pl.edu.icm.jlargearrays.LargeArray", "pl/edu/icm/jlargearrays/"},
    };

    /** The interned strings, kept reachable (HotSpot's string table holds its entries weakly). */
    private static final Set<String> KEPT = new HashSet<>();
    private static boolean done;
    private static boolean started;
    private static int classes;
    private static int skipped;

    private JitStringConstants() {
    }

    /**
     * Starts {@link #ensureInterned} on a daemon thread (once per JVM), so that reading the class
     * files overlaps with loading the model on a machine with a spare core; a later
     * {@link #ensureInterned} waits for it (both hold this class's lock) instead of doing the work
     * again. Called when the JNI bridge class is initialised, before the first instance loads its
     * model.
     */
    public static synchronized void startInBackground() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(JitStringConstants::ensureInterned, "quell-string-constants");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Interns the string literals of the classes in {@link #SCOPE}; only the first call in a JVM
     * does work (about 200 class files), later calls return at once. Not
     * real-time: call it from {@code prepare}.
     *
     * @return the number of distinct strings kept
     */
    public static synchronized int ensureInterned() {
        if (!done) {
            done = true;
            ClassLoader loader = JitStringConstants.class.getClassLoader();
            for (String[] entry : SCOPE) {
                try {
                    Class<?> anchor = Class.forName(entry[0], false, loader);
                    for (ClassLiterals.ClassFile f : ClassLiterals.read(anchor, entry[1])) {
                        for (String literal : f.literals()) {
                            KEPT.add(literal.intern());
                        }
                        classes++;
                    }
                } catch (ClassNotFoundException | LinkageError | IOException | RuntimeException e) {
                    skipped++;
                }
            }
        }
        return KEPT.size();
    }

    /** @return class files read by {@link #ensureInterned()} so far */
    public static synchronized int classes() {
        return classes;
    }

    /** @return scope entries that could not be read (their first C2 compilation may still allocate) */
    public static synchronized int skipped() {
        return skipped;
    }

    /**
     * @param literal a string
     * @return true if {@link #ensureInterned} found it in a class of its scope and keeps it
     */
    static synchronized boolean keeps(String literal) {
        return KEPT.contains(literal);
    }
}
