package dev.quell.plugin.engine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Interns, once per JVM, every string literal of the classes on the audio path, so that the JIT
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
 * <p>The literals are read from the class files themselves (the constant pool of the JVM class
 * file format, JVMS §4.4) of the packages the audio path runs through: the engine, the JNI bridge, {@code dsp},
 * {@code nn}, JTransforms and its JLargeArrays dependency. Best effort: a package whose classes
 * cannot be read (no code source, unreadable jar) is skipped and counted in {@link #skipped()};
 * nothing here throws.
 */
public final class JitStringConstants {
    /** Anchor class name and the resource prefix scanned (with sub-packages) in its code source. */
    private static final String[][] PACKAGES = {
        {"dev.quell.plugin.engine.QuellEngine", "dev/quell/plugin/engine/"},
        // the JNI entry the shim's process() calls: its first C2 compilation, inside process, resolved
        // its own literals (208 bytes seen by NativeBridgeTest on a loaded machine)
        {"dev.quell.plugin.nativebridge.NativeBridge", "dev/quell/plugin/nativebridge/"},
        {"dev.quell.dsp.FrameChain", "dev/quell/dsp/"},
        {"dev.quell.nn.ModelState", "dev/quell/nn/"},
        {"org.jtransforms.fft.DoubleFFT_1D", "org/jtransforms/"},
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
     * Interns the string literals of the audio-path packages; only the first call in a JVM does
     * work (about 600 class files, tens of milliseconds), later calls return at once. Not
     * real-time: call it from {@code prepare}.
     *
     * @return the number of distinct strings kept
     */
    public static synchronized int ensureInterned() {
        if (!done) {
            done = true;
            ClassLoader loader = JitStringConstants.class.getClassLoader();
            for (String[] p : PACKAGES) {
                try {
                    Class<?> anchor = Class.forName(p[0], false, loader);
                    scan(anchor, p[1]);
                } catch (ClassNotFoundException | LinkageError | IOException | URISyntaxException
                        | RuntimeException e) {
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

    /** @return packages that could not be read (their first C2 compilation may still allocate) */
    public static synchronized int skipped() {
        return skipped;
    }

    private static void scan(Class<?> anchor, String prefix) throws IOException, URISyntaxException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("no code source for " + anchor.getName());
        }
        Path location = Paths.get(source.getLocation().toURI());
        if (Files.isDirectory(location)) {
            Path dir = location.resolve(prefix);
            try (Stream<Path> files = Files.walk(dir)) {
                Iterator<Path> it = files.filter(f -> f.toString().endsWith(".class")).iterator();
                while (it.hasNext()) {
                    try (InputStream in = Files.newInputStream(it.next())) {
                        internLiterals(in);
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            internLiterals(in);
                        }
                    }
                }
            }
        }
    }

    /**
     * @param literal a string
     * @return true if {@link #ensureInterned} found it in an audio-path class and keeps it
     */
    static synchronized boolean keeps(String literal) {
        return KEPT.contains(literal);
    }

    /**
     * Reads the constant pool of one class file (JVMS §4.1, §4.4) and interns its
     * {@code CONSTANT_String} values.
     */
    private static void internLiterals(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] strings = new int[count];
        int n = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // Utf8 (modified UTF-8, u2 length)
                case 8 -> strings[n++] = in.readUnsignedShort(); // String
                case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double take two slots
                    in.readLong();
                    i++;
                }
                case 15 -> { // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int k = 0; k < n; k++) {
            String s = utf8[strings[k]];
            if (s != null) {
                KEPT.add(s.intern());
            }
        }
        classes++;
    }
}
