package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.cli.CliException;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.validation.demo.DemoSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GainsCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, float[] x, int rate) throws IOException {
        Path p = dir.resolve(name);
        WavWriter.write(p, new AudioData(rate, new float[][] {x}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        return p;
    }

    @Test
    void printsTheChosenBandsPerFrameAndTheirMeans() throws IOException {
        float[] clean = DemoSignals.clean(2.0, 3);
        float[] noisy = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 4), 5);
        CliRun run = CliRun.of("gains", write("c.wav", clean, 48_000).toString(), write("n.wav", noisy, 48_000).toString(),
                "--bands", "3-4", "--every", "500");
        assertEquals(0, run.exitCode(), run.stdout());
        String[] lines = run.stdout().split("\n");
        assertEquals(4, Arrays.stream(lines).filter(l -> l.startsWith("t=")).count(), run.stdout());
        assertTrue(run.stdout().contains("t=0.50 b3 ") && run.stdout().contains(" b4 "), run.stdout());
        long tableRows = Arrays.stream(lines).filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+")).count();
        assertEquals(2, tableRows, run.stdout());
        assertTrue(run.stdout().contains((clean.length / 480 - 3) + " frames of 10 ms"), run.stdout());
    }

    @Test
    void refusesAPairThatIsNotAlignedAndBadOptions() throws IOException {
        float[] clean = DemoSignals.clean(1.0, 3);
        Path c = write("c.wav", clean, 48_000);
        Path shorter = write("short.wav", Arrays.copyOf(clean, clean.length - 10), 48_000);
        Path slower = write("slow.wav", clean, 16_000);
        assertEquals(1, CliRun.of("gains", c.toString(), shorter.toString()).exitCode());
        assertEquals(1, CliRun.of("gains", c.toString(), slower.toString()).exitCode());
        assertEquals(1, CliRun.of("gains", c.toString(), c.toString(), "--every", "15").exitCode());
        assertEquals(1, CliRun.of("gains", c.toString(), c.toString(), "--lookahead-ms", "30").exitCode());
        assertThrows(CliException.class, () -> GainsCommand.bandRange("20-10"));
        assertThrows(CliException.class, () -> GainsCommand.bandRange("0-34"));
        assertThrows(CliException.class, () -> GainsCommand.bandRange("x"));
        assertEquals(5, GainsCommand.bandRange("5")[1]);
    }
}
