package dev.quell.plugin.runtime;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The string literals of class files: the {@code CONSTANT_String} entries of their constant pools
 * (JVM specification, Java SE 17 edition, sections 4.1 and 4.4), read from the class files
 * themselves, in a directory of classes or in a jar. Used by {@link JitStringConstants} to intern
 * them and by the test that keeps them out of the audio-path classes.
 */
public final class ClassLiterals {
    private ClassLiterals() {
    }

    /** One class file's name (with its path, e.g. {@code dev/quell/dsp/FrameChain.class}) and literals. */
    public record ClassFile(String name, Set<String> literals) {
    }

    /**
     * Reads every class file whose resource name starts with {@code prefix} in the code source
     * (directory or jar) that holds {@code anchor}.
     *
     * @param anchor a class of that code source
     * @param prefix resource name prefix: a package path ending in '/' (sub-packages included) or
     *     one class file's name
     * @return the class files read, in the order the directory walk or the jar lists them
     * @throws IOException if the code source is unknown or cannot be read, or a class file is
     *     malformed
     */
    public static List<ClassFile> read(Class<?> anchor, String prefix) throws IOException {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("no code source for " + anchor.getName());
        }
        Path location;
        try {
            location = Paths.get(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<ClassFile> out = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                Iterator<Path> it = files.filter(f -> f.toString().endsWith(".class")).iterator();
                while (it.hasNext()) {
                    Path f = it.next();
                    String name = location.relativize(f).toString().replace('\\', '/');
                    if (name.startsWith(prefix)) {
                        try (InputStream in = Files.newInputStream(f)) {
                            out.add(new ClassFile(name, literals(in)));
                        }
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
                            out.add(new ClassFile(e.getName(), literals(in)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param raw one class file
     * @return the values of its {@code CONSTANT_String} entries (string-concatenation recipes
     *     included, as javac writes them with \u0001 for each argument)
     * @throws IOException if it is not a class file or has an unknown constant-pool tag
     */
    public static Set<String> literals(InputStream raw) throws IOException {
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
        Set<String> out = new HashSet<>();
        for (int k = 0; k < n; k++) {
            String s = utf8[strings[k]];
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
