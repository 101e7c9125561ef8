package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLogsTest {
    @TempDir
    Path dir;

    @Test
    void dropsOnlyTheRowsPastTheCheckpoint() throws IOException {
        Path csv = dir.resolve("loss.csv");
        Files.writeString(csv, "step,train_loss,session_seconds\n5390,-1.4,8411.4\n5400,-1.4,8437.0\n5410,-1.7,8468.0\n");
        assertEquals(1, StepLogs.dropAfter(csv, 5400));
        assertEquals("step,train_loss,session_seconds\n5390,-1.4,8411.4\n5400,-1.4,8437.0\n", Files.readString(csv));
    }

    @Test
    void leavesAnUpToDateLogUntouched() throws IOException {
        Path csv = dir.resolve("dev.csv");
        String text = "step,dev_loss\n100,0.5\n200,0.4\n";
        Files.writeString(csv, text);
        long modified = Files.getLastModifiedTime(csv).toMillis();
        assertEquals(0, StepLogs.dropAfter(csv, 200));
        assertEquals(text, Files.readString(csv));
        assertEquals(modified, Files.getLastModifiedTime(csv).toMillis());
    }

    @Test
    void missingLogStaysMissing() throws IOException {
        Path csv = dir.resolve("dev.csv");
        assertEquals(0, StepLogs.dropAfter(csv, 0));
        assertFalse(Files.exists(csv));
    }

    @Test
    void rowWithoutStepNumberIsNamed() throws IOException {
        Path csv = dir.resolve("loss.csv");
        Files.writeString(csv, "step,train_loss\n10,0.5\nbroken,0.4\n");
        IOException e = assertThrows(IOException.class, () -> StepLogs.dropAfter(csv, 5));
        assertTrue(e.getMessage().contains("loss.csv: line 3"), e.getMessage());
        assertEquals("step,train_loss\n10,0.5\nbroken,0.4\n", Files.readString(csv));
    }
}
