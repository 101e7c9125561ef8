package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.nn.Precision;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineModelsTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansTheDefaultModelInTheAskedPrecision() throws IOException {
        assertSame(EngineModels.defaults(Precision.FLOAT32), EngineModels.fileOrDefault(null, Precision.FLOAT32));
        assertSame(EngineModels.defaults(Precision.INT8), EngineModels.fileOrDefault(null, Precision.INT8));
        assertEquals("default model", EngineModels.fileOrDefault(null, Precision.INT8).name());
    }

    @Test
    void aGivenFileIsLoadedAndAMissingOneIsNamedInTheError() throws IOException {
        EngineModels unity = TestModels.unity(dir);
        Path file = Path.of(unity.name());
        assertTrue(file.startsWith(dir), file::toString);
        assertSame(unity, EngineModels.fileOrDefault(file, Precision.FLOAT32));
        Path missing = dir.resolve("nothing-here.qnn");
        IOException e = assertThrows(IOException.class, () -> EngineModels.fileOrDefault(missing, Precision.FLOAT32));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
