package dev.quell.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void writesIntoNewFoldersAndReplaces() throws IOException {
        Path f = dir.resolve("a/b/out.bin");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        assertEquals(1, filesIn(f.getParent()), "no temporary file left behind");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("keep.txt");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void aNewFileGetsTheUmaskPermissionsOfAnyNewFile() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path f = dir.resolve("out.wav");
        AtomicFiles.write(f, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(f),
                "a new output must not be private (0600) when the umask says otherwise");
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("model.qnn");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, new byte[] {7});
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(f));
    }

    @Test
    void writeNewRefusesAnExistingFileAndChangesNothing() throws IOException {
        Path f = dir.resolve("taken.wav");
        Files.writeString(f, "mine");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(f, out -> out.write(1)));
        assertEquals("mine", Files.readString(f));
        Path racing = dir.resolve("racing.wav");
        // another process creates the name while the content is being written
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(racing, out -> {
            Files.writeString(racing, "theirs");
            out.write(1);
        }));
        assertEquals("theirs", Files.readString(racing));
        AtomicFiles.writeNew(dir.resolve("fresh.wav"), out -> out.write(5));
        assertArrayEquals(new byte[] {5}, Files.readAllBytes(dir.resolve("fresh.wav")));
        assertEquals(3, filesIn(dir), "no temporary file left behind");
    }
}
