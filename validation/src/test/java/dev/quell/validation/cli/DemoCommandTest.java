package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.validation.demo.DemoRecordings;
import dev.quell.validation.metrics.SiSdr;
import dev.quell.validation.metrics.Stoi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quell demo} on the bundled real recordings. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void bundledRecordingsAreRealLengthMatchedAndMixAtTheAskedSnr() throws IOException {
        DemoRecordings rec = DemoRecordings.load();
        float[] s = rec.speech();
        float[] n = rec.noise();
        assertEquals(s.length, n.length);
        assertTrue(s.length > 10 * DemoRecordings.RATE && s.length <= 20 * DemoRecordings.RATE, "length " + s.length);
        float[][] pair = rec.mix(5);
        double ps = 0;
        double pn = 0;
        float peak = 0;
        for (int i = 0; i < s.length; i++) {
            double d = pair[1][i] - pair[0][i];
            ps += pair[0][i] * (double) pair[0][i];
            pn += d * d;
            peak = Math.max(peak, Math.abs(pair[1][i]));
        }
        assertEquals(5.0, 10 * Math.log10(ps / pn), 0.01);
        assertTrue(peak <= 0.99f, "peak " + peak);
    }

    @Test
    void enhancesTheBundledMixturePrintsScoresAndDrawsSpectrograms() throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "-o", out.toString(), "--no-dnsmos");
        String printed = run.stdout();
        assertEquals(0, run.exitCode(), printed);
        for (String s : new String[] {"SI-SDR (dB)", "STOI", "ESTOI", "| noisy |", "| Quell |", "spectrograms: "}) {
            assertTrue(printed.contains(s), "demo output lacks " + s + ":\n" + printed);
        }
        AudioData clean = AudioReader.read(out.resolve("input/clean/demo_snr5.wav"));
        AudioData noisy = AudioReader.read(out.resolve("input/noisy/demo_snr5.wav"));
        AudioData enhanced = AudioReader.read(out.resolve("enhanced/demo_snr5.wav"));
        assertEquals(DemoRecordings.RATE, enhanced.sampleRate());
        assertEquals(noisy.frames(), enhanced.frames());
        float[] c = clean.mono();
        // the enhancer must remove some fireplace noise and not cost intelligibility (model v1:
        // SI-SDR 5.0 -> 6.2 dB, STOI 0.934 -> 0.940; a pass-through would fail both)
        double before = SiSdr.compute(c, noisy.mono());
        double after = SiSdr.compute(c, enhanced.mono());
        assertTrue(after > before + 0.5, "SI-SDR " + before + " -> " + after);
        double stoiBefore = Stoi.stoi(c, noisy.mono(), DemoRecordings.RATE);
        double stoiAfter = Stoi.stoi(c, enhanced.mono(), DemoRecordings.RATE);
        assertTrue(stoiAfter >= stoiBefore, "STOI " + stoiBefore + " -> " + stoiAfter);
        BufferedImage png = ImageIO.read(out.resolve("spectrogram.png").toFile());
        assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
        assertTrue(Files.exists(out.resolve("spectrogram.png")));
    }
}
