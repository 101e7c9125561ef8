package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.cli.QuellCli;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.dsp.resample.Resampler;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.validation.demo.DemoSignals;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.stdout());
        return r.stdout();
    }

    @Test
    void measuresAGivenFileAtItsOwnRateMonoAndStereo() throws IOException {
        // one second of speech in noise at 44.1 kHz, looped to two seconds of measurement
        float[] clean = DemoSignals.clean(1.0, 7);
        float[] noisy = DemoSignals.mix(clean, DemoSignals.noise(clean.length, 8), 5);
        float[] at441 = Resampler.resample(noisy, 48_000, 44_100);
        Path wav = dir.resolve("speech.wav");
        WavWriter.write(wav, new AudioData(44_100, new float[][] {at441}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        String out = run("bench", "--input", wav.toString(), "--seconds", "2", "--block", "256");
        assertTrue(out.contains("44100 Hz, 256-frame blocks"), out);
        assertTrue(out.contains("(speech.wav)"), out);
        assertTrue(out.contains("\n| 1 | ") && out.contains("\n| 2 | "), "a row for mono and one for stereo: " + out);
    }

    @Test
    void aMissingInputIsAnErrorNotAMeasurement() {
        assertNotEquals(0, QuellCli.execute("bench", "--input", dir.resolve("missing.wav").toString(), "--seconds", "1"));
    }

    @Test
    void measuresAGivenModelFileAndRefusesAMissingOne() throws IOException {
        Path model = dir.resolve("copy.qnn");
        try (java.io.InputStream in = EngineModels.class.getResourceAsStream(EngineModels.DEFAULT_RESOURCE)) {
            java.nio.file.Files.write(model, in.readAllBytes());
        }
        String out = run("bench", "--model", model.toString(), "--seconds", "1");
        assertTrue(out.startsWith("Quell engine, model " + model + ", 48000 Hz"), out);
        assertTrue(out.contains("\n| 1 | ") && out.contains("\n| 2 | "), out);
        String memory = run("bench", "--memory", "1", "--model", model.toString());
        assertTrue(memory.startsWith("Quell engine, model " + model + ", 48000 Hz, 1 channel(s)"), memory);
        assertTrue(memory.contains("each further instance (mean of 10): heap "), memory);
        CliRun missing = CliRun.of("bench", "--model", dir.resolve("none.qnn").toString(), "--seconds", "1");
        assertEquals(1, missing.exitCode(), missing.stdout());
        assertEquals("", missing.stdout());
    }
}
