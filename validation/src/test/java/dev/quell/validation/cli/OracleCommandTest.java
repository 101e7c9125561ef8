package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.cli.QuellCli;
import dev.quell.validation.demo.DemoSignals;
import dev.quell.validation.metrics.SiSdr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleCommandTest {
    @TempDir
    Path dir;
    Path clean;
    Path noisy;
    float[] cleanSamples;

    @BeforeEach
    void makePair() throws IOException {
        cleanSamples = DemoSignals.clean(3.0, 5);
        float[] n = DemoSignals.mix(cleanSamples, DemoSignals.noise(cleanSamples.length, 6), 0);
        Files.createDirectories(dir.resolve("clean"));
        Files.createDirectories(dir.resolve("noisy"));
        clean = dir.resolve("clean/a_snr0.wav");
        noisy = dir.resolve("noisy/a_snr0.wav");
        WavWriter.write(clean, new AudioData(48_000, new float[][] {cleanSamples}, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        WavWriter.write(noisy, new AudioData(48_000, new float[][] {n}, SampleFormat.PCM_24), SampleFormat.PCM_24);
    }

    @Test
    void enhancesTimeAlignedWithTheInputAndImprovesSiSdr() throws IOException {
        Path out = dir.resolve("out.wav");
        int rc = QuellCli.execute("oracle", "--clean", clean.toString(), "--noisy", noisy.toString(),
                "-o", out.toString(), "--stage", "postfilter");
        assertEquals(0, rc);
        AudioData a = AudioReader.read(out);
        assertEquals(SampleFormat.PCM_24, a.format());
        assertEquals(cleanSamples.length, a.frames());
        float[] noisyMono = AudioReader.read(noisy).mono();
        double before = SiSdr.compute(cleanSamples, noisyMono);
        double after = SiSdr.compute(cleanSamples, a.mono());
        assertTrue(after > before + 6, "SI-SDR " + before + " -> " + after);
    }

    @Test
    void foldersWithAllStagesGiveOneSubFolderPerStageAndAReport() throws IOException {
        Path out = dir.resolve("enhanced");
        Path report = dir.resolve("report.md");
        int rc = QuellCli.execute("oracle", "--clean", dir.resolve("clean").toString(),
                "--noisy", dir.resolve("noisy").toString(), "-o", out.toString(), "--stage", "all",
                "--report", report.toString());
        assertEquals(0, rc);
        for (String s : new String[] {"gains", "comb", "postfilter"}) {
            assertTrue(Files.isRegularFile(out.resolve(s).resolve("a_snr0.wav")), s);
        }
        String md = Files.readString(report);
        assertTrue(md.contains("| postfilter |") && md.contains("0 dB (n=1)"), md);
    }

    @Test
    void refusesToOverwriteAnInputAndReportsMissingFiles() throws IOException {
        byte[] before = Files.readAllBytes(noisy);
        int rc = QuellCli.execute("oracle", "--clean", clean.toString(), "--noisy", noisy.toString(),
                "-o", noisy.toString());
        assertTrue(rc != 0);
        assertEquals(before.length, Files.readAllBytes(noisy).length);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(noisy)));
        rc = QuellCli.execute("oracle", "--clean", dir.resolve("nope.wav").toString(), "--noisy", noisy.toString(),
                "-o", dir.resolve("x.wav").toString());
        assertEquals(1, rc);
        rc = QuellCli.execute("oracle", "--clean", clean.toString(), "--noisy", noisy.toString(),
                "-o", dir.resolve("x.wav").toString(), "--stage", "bogus");
        assertEquals(1, rc);
        assertEquals(2, QuellCli.execute("oracle", "--no-such-option"));
    }
}
