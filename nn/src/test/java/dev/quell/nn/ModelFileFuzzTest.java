package dev.quell.nn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz target (Jazzer) for model files ({@code --model FILE}): any bytes give a model or an
 * {@link IOException} (a {@link ModelFormatException} naming the problem); never an
 * {@code OutOfMemoryError}, a negative array size, an index exception or a hang, whatever sizes
 * the header declares. Seeds: resources {@code ModelFileFuzzTestInputs/} (a small valid model).
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAModelOrAClearError(byte[] bytes) {
        for (Precision p : Precision.values()) {
            try {
                ModelFile.read("fuzz.qnn", new ByteArrayInputStream(bytes), p);
            } catch (IOException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("no message", e);
                }
            }
        }
    }
}
