package dev.quell.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way Quell writes a file (outputs, reports, models, presets, checkpoints): readers see
 * either the old file or the complete new one, never a partial one.
 *
 * <ol>
 *   <li>The content goes to a hidden temporary file in the target's folder, created like any new
 *       file, so it gets the permissions the process's umask implies (0644 under the usual umask
 *       022; not the 0600 of {@link Files#createTempFile}). When the target exists, the temporary
 *       file takes the target's POSIX permissions instead, so a replaced file keeps them.</li>
 *   <li>The content is forced to the disk ({@link FileChannel#force}), then the temporary file is
 *       renamed over the target (atomically where the file system supports it), then the folder
 *       is forced too where the platform allows it, so the rename survives a power cut.</li>
 *   <li>On any failure the temporary file is removed and an existing target is left untouched.</li>
 * </ol>
 * {@link #writeNew} refuses to replace an existing file, also when another process creates it
 * meanwhile (the last step is then a hard link, which fails if the name exists). {@link #begin}
 * hands out the temporary file itself, for writers that must seek (a WAV or FLAC header patched
 * when the length is known) or that write for a long time.
 */
public final class AtomicFiles {
    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream (closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes or replaces a file.
     *
     * @param file the target (its folder is created when missing)
     * @param bytes the complete content
     * @throws IOException if the folder, temporary file, content or rename fails
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes or replaces a file.
     *
     * @param file the target (its folder is created when missing)
     * @param content writes the complete content
     * @throws IOException if the folder, temporary file, content or rename fails
     */
    public static void write(Path file, Content content) throws IOException {
        commit(file, content, true);
    }

    /**
     * Writes a file that must not exist yet.
     *
     * @param file the target (its folder is created when missing)
     * @param content writes the complete content
     * @throws FileAlreadyExistsException if the file exists (before or when the content is complete);
     *     nothing is changed then
     * @throws IOException if the folder, temporary file, content or link fails
     */
    public static void writeNew(Path file, Content content) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        commit(file, content, false);
    }

    private static void commit(Path file, Content content, boolean replace) throws IOException {
        try (Pending p = begin(file, replace)) {
            try (FileChannel ch = FileChannel.open(p.temporary(), StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
            }
            p.commit();
        }
    }

    /**
     * Starts writing a file through a temporary sibling that the caller fills by any means.
     *
     * @param file the target (its folder is created when missing)
     * @param replace true to replace an existing target, false to refuse one (as {@link #writeNew})
     * @return the pending write; close it (try-with-resources) to discard it unless committed
     * @throws FileAlreadyExistsException if {@code replace} is false and the file exists
     * @throws IOException if the folder or temporary file cannot be created
     */
    public static Pending begin(Path file, boolean replace) throws IOException {
        if (!replace && Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return new Pending(file, dir, newTemporary(dir, file.getFileName().toString()), replace);
    }

    /** A write in progress: an empty hidden temporary file next to the target. */
    public static final class Pending implements AutoCloseable {
        private final Path file;
        private final Path dir;
        private final Path tmp;
        private final boolean replace;
        private boolean done;

        private Pending(Path file, Path dir, Path tmp, boolean replace) {
            this.file = file;
            this.dir = dir;
            this.tmp = tmp;
            this.replace = replace;
        }

        /** @return the temporary file to write (it exists, empty, with the umask's permissions) */
        public Path temporary() {
            return tmp;
        }

        /**
         * Forces the temporary file to disk and moves it into place (see the class doc). Close
         * every stream on it first.
         *
         * @throws FileAlreadyExistsException if the target must be new and appeared meanwhile
         * @throws IOException if forcing or renaming fails (the temporary file is removed on close)
         */
        public void commit() throws IOException {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (replace) {
                keepPermissions(file, tmp);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                Files.createLink(file, tmp);
                Files.deleteIfExists(tmp);
            }
            done = true;
            forceFolder(dir);
        }

        /** Removes the temporary file unless the write was committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A new empty hidden file next to the target, with the default (umask) permissions. */
    private static Path newTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) {
            return;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Forces a folder's entries to disk; a no-op where folders cannot be opened (Windows). */
    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is done; only its durability across a power cut is not forced here
        }
    }
}
