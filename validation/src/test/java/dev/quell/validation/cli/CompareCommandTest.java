package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.validation.demo.DemoSignals;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, int rate, float[] x) throws IOException {
        Path p = dir.resolve(name);
        WavWriter.write(p, new AudioData(rate, new float[][] {x}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        return p;
    }

    /** The signal delayed by {@code lag} samples and scaled by {@code gain}. */
    private static float[] delayed(float[] x, int lag, float gain) {
        float[] y = new float[x.length];
        for (int i = lag; i < x.length; i++) {
            y[i] = gain * x[i - lag];
        }
        return y;
    }

    @Test
    void findsTheLagAndGainOfOneReference() throws IOException {
        float[] x = DemoSignals.clean(1.5, 3);
        Path ref = write("ref.wav", 48_000, x);
        Path render = write("render.wav", 48_000, delayed(x, 37, 0.5f));
        CliRun r = CliRun.of("compare", ref.toString(), render.toString());
        assertEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stdout().startsWith("lag 37 gain 0.5000 residual "), r.stdout());
        assertTrue(!r.stdout().contains("reference"), "one reference, no reference column: " + r.stdout());
    }

    @Test
    void withSeveralReferencesPrintsTheClosest() throws IOException {
        float[] x = DemoSignals.clean(1.5, 3);
        float[] noise = DemoSignals.noise(x.length, 4);
        Path far = write("far.wav", 48_000, DemoSignals.mix(x, noise, 0));
        Path near = write("near.wav", 48_000, DemoSignals.mix(x, noise, 30));
        Path other = write("other.wav", 48_000, noise);
        Path render = write("render.wav", 48_000, x);
        CliRun r = CliRun.of("compare", far.toString(), near.toString(), other.toString(), render.toString());
        assertEquals(0, r.exitCode(), r.stdout());
        assertTrue(r.stdout().startsWith("lag 0 "), r.stdout());
        assertTrue(r.stdout().strip().endsWith(" reference " + near), r.stdout());
        double residual = Double.parseDouble(r.stdout().split(" ")[5]);
        assertTrue(residual < -25 && residual > -35, "the 30 dB reference's residual: " + r.stdout());
    }

    @Test
    void aReferenceAtAnotherRateIsRefused() throws IOException {
        float[] x = DemoSignals.clean(1.5, 3);
        Path ref = write("ref.wav", 48_000, x);
        Path low = write("low.wav", 16_000, x);
        Path render = write("render.wav", 48_000, x);
        assertNotEquals(0, CliRun.of("compare", ref.toString(), low.toString(), render.toString()).exitCode());
        assertNotEquals(0, CliRun.of("compare", render.toString()).exitCode(), "a render alone is not a comparison");
    }
}
