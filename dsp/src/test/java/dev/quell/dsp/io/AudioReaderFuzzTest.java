package dev.quell.dsp.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target (Jazzer) for the audio readers a batch meets on disk: any bytes, as a .wav and as a
 * .flac, through {@link AudioSource} (streaming, what {@code quell enhance} uses) and
 * {@link AudioReader} (whole file, the developer tools). Contract: only {@link IOException} (in
 * practice {@link AudioFormatException}, a one-line message) escapes; never an
 * {@code OutOfMemoryError}, a stack overflow, a negative array size, an index exception or a hang.
 * In a normal test run only the seeds run (regression mode, resources
 * {@code AudioReaderFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class AudioReaderFuzzTest {
    private static Path dir;
    private static PrintStream stdout;

    /**
     * One folder for the whole run, {@code target/fuzz-input} of the module: a file per extension,
     * rewritten per input, is faster than a new one, and if an input hangs the reader, the file
     * is still there for {@code tools/fuzz.sh} to keep as the finding.
     */
    @BeforeAll
    static void quietAndOneFolder() throws IOException {
        dir = Files.createDirectories(Path.of("target", "fuzz-input"));
        stdout = System.out; // jflac prints "readResidual elsecase" on corrupt frames: thousands of lines per run
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void restore() throws IOException {
        System.setOut(stdout);
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAudioOrAClearError(byte[] bytes) throws IOException {
        for (String ext : new String[] {".wav", ".flac"}) {
            Path f = dir.resolve("input" + ext);
            Files.write(f, bytes);
            try (AudioSource s = AudioSource.open(f)) {
                float[][] buf = new float[Math.min(s.channelCount(), 64)][256];
                if (s.channelCount() <= 64) {
                    while (s.read(buf, 0, 256) > 0) {
                        // drain
                    }
                }
            } catch (IOException expected) {
                check(expected);
            }
            try {
                AudioReader.read(f);
            } catch (IOException expected) {
                check(expected);
            }
        }
    }

    private static void check(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n")) {
            throw new AssertionError("not a one-line message: " + m, e);
        }
    }
}
