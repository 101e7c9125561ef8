package dev.quell.validation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.cli.QuellCli;
import dev.quell.validation.demo.DemoSignals;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    Path dir;

    private void pair(String name, long seed, double snr) throws IOException {
        float[] c = DemoSignals.clean(2.0, seed);
        float[] n = DemoSignals.mix(c, DemoSignals.noise(c.length, seed + 100), snr);
        WavWriter.write(dir.resolve("clean").resolve(name), new AudioData(48_000, new float[][] {c}, SampleFormat.FLOAT_32),
                SampleFormat.FLOAT_32);
        WavWriter.write(dir.resolve("noisy").resolve(name), new AudioData(48_000, new float[][] {n}, SampleFormat.FLOAT_32),
                SampleFormat.FLOAT_32);
    }

    @Test
    void writesReportTablesPerFileResultsSpectrogramsAndPlot() throws IOException {
        pair("a.wav", 1, 0);
        pair("b.wav", 2, 10);
        pair("c.wav", 3, 10);
        Files.writeString(dir.resolve("list.csv"), "name,snr_db,noise\na.wav,0,babble-x\nb.wav,10,hum-y\nc.wav,10,babble-z\n");
        Path out = dir.resolve("report");
        int rc = QuellCli.execute("eval", "--clean", dir.resolve("clean").toString(), "--noisy", dir.resolve("noisy").toString(),
                "-o", out.toString(), "--no-dnsmos", "--lookahead-ms", "0,20", "--peer", "passthrough=" + dir.resolve("noisy"),
                "--spectrograms", "2");
        assertEquals(0, rc);
        String md = Files.readString(out.resolve("report.md"));
        for (String s : new String[] {"## Summary", "## By input SNR", "## By noise type", "| Quell L=0 ms |",
                "| Quell L=20 ms |", "| Quell L=20 ms on clean input |", "| oracle |", "| passthrough |", "0 dB (n=1)", "10 dB (n=2)", "babble (n=2)",
                "hum (n=1)", "![metrics against input SNR](snr.png)", "PESQ is not implemented"}) {
            assertTrue(md.contains(s), "report lacks " + s + ":\n" + md);
        }
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("rate_hz,file,condition,snr_db,noise_type,SI-SDR (dB),segSNR (dB),STOI,ESTOI,opening (dB),speech >8 kHz (dB),residual >8 kHz (dB)", csv.get(0));
        assertEquals(1 + 3 * 6, csv.size(), "3 files x (noisy, 2 look-aheads, transparency, oracle, peer)");
        assertTrue(csv.get(1).startsWith("48000,a.wav,noisy,"), csv.get(1));
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(18, json.get("results").size());
        // the peer is the noisy file itself: identical scores
        double noisy = 0;
        double peer = 0;
        for (JsonNode r : json.get("results")) {
            if (r.get("file").asText().equals("a.wav")) {
                if (r.get("condition").asText().equals("noisy")) {
                    noisy = r.get("metrics").get("SI-SDR (dB)").asDouble();
                    // the noisy input's voice is untouched above 8 kHz; its noise does not count
                    assertEquals(0, r.get("metrics").get(EvalCommand.HIGH_BAND).asDouble(), 1.0, r.toString());
                } else if (r.get("condition").asText().equals("passthrough")) {
                    peer = r.get("metrics").get("SI-SDR (dB)").asDouble();
                }
            }
        }
        assertEquals(noisy, peer, 1e-9);
        BufferedImage plot = ImageIO.read(out.resolve("snr.png").toFile());
        assertTrue(plot.getWidth() > 800 && plot.getHeight() > 300);
        try (var s = Files.list(out.resolve("spectrograms"))) {
            List<Path> pngs = s.toList();
            assertEquals(2, pngs.size(), pngs.toString());
            BufferedImage spec = ImageIO.read(pngs.get(0).toFile());
            assertTrue(spec.getHeight() > 3 * 150, "three panels: noisy, Quell, clean");
        }
    }

    @Test
    void convertsEveryPairToEachRateAndReportsEachRate() throws IOException {
        pair("a.wav", 1, 0);
        pair("b.wav", 2, 10);
        Files.writeString(dir.resolve("list.csv"), "name,snr_db,noise\na.wav,0,babble-x\nb.wav,10,hum-y\n");
        Path out = dir.resolve("report");
        int rc = QuellCli.execute("eval", "--clean", dir.resolve("clean").toString(), "--noisy", dir.resolve("noisy").toString(),
                "-o", out.toString(), "--no-dnsmos", "--lookahead-ms", "20", "--stage", "none", "--rates", "8000,16000",
                "--spectrograms", "1");
        assertEquals(0, rc);
        String md = Files.readString(out.resolve("report.md"));
        for (String s : new String[] {"## 8 kHz", "## 16 kHz", "### Summary", "### By input SNR", "### By noise type",
                "![metrics against input SNR](snr-8000Hz.png)", "![metrics against input SNR](snr-16000Hz.png)",
                "| Quell L=20 ms on clean input |"}) {
            assertTrue(md.contains(s), "report lacks " + s + ":\n" + md);
        }
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 2 * 2 * 3, csv.size(), "2 rates x 2 files x (noisy, Quell, transparency)");
        assertEquals(6, csv.stream().filter(l -> l.startsWith("8000,")).count());
        assertEquals(6, csv.stream().filter(l -> l.startsWith("16000,")).count());
        assertTrue(csv.stream().skip(1).allMatch(l -> l.endsWith(",,")), "no band above 8 kHz at 8 or 16 kHz: " + csv);
        assertTrue(Files.isRegularFile(out.resolve("snr-8000Hz.png")) && Files.isRegularFile(out.resolve("snr-16000Hz.png")));
        try (var s = Files.list(out.resolve("spectrograms"))) {
            assertEquals(2, s.count(), "one drawn pair at each rate");
        }
    }

    @Test
    void averagesQuellRowsOverFrameGridPositions() throws IOException {
        pair("a.wav", 1, 0);
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        String[] common = {"eval", "--clean", dir.resolve("clean").toString(), "--noisy", dir.resolve("noisy").toString(),
            "--no-dnsmos", "--lookahead-ms", "20", "--stage", "none", "--no-transparency", "--spectrograms", "0"};
        assertEquals(0, QuellCli.execute(concat(common, "-o", one.toString())));
        assertEquals(0, QuellCli.execute(concat(common, "-o", three.toString(), "--grid-offsets", "3")));
        List<String> a = Files.readAllLines(one.resolve("results.csv"));
        List<String> b = Files.readAllLines(three.resolve("results.csv"));
        assertEquals(a.size(), b.size());
        String noisyA = a.stream().filter(l -> l.contains(",noisy,")).findFirst().orElseThrow();
        String noisyB = b.stream().filter(l -> l.contains(",noisy,")).findFirst().orElseThrow();
        assertEquals(noisyA, noisyB, "the noisy row does not depend on the grid");
        String quellA = a.stream().filter(l -> l.contains(",Quell L=20 ms,")).findFirst().orElseThrow();
        String quellB = b.stream().filter(l -> l.contains(",Quell L=20 ms,")).findFirst().orElseThrow();
        assertTrue(!quellA.equals(quellB), "three grid positions change the Quell row: " + quellA + " / " + quellB);
        assertTrue(Files.readString(three.resolve("report.md")).contains("mean over 3 positions of the 10 ms frame grid"));
        assertTrue(!Files.readString(one.resolve("report.md")).contains("frame grid:"));
        int rc = QuellCli.execute(concat(common, "-o", dir.resolve("bad").toString(), "--grid-offsets", "0"));
        assertTrue(rc != 0);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void refusesRatesOutsideTheSupportedRange() throws IOException {
        pair("a.wav", 1, 0);
        int rc = QuellCli.execute("eval", "--clean", dir.resolve("clean").toString(), "--noisy", dir.resolve("noisy").toString(),
                "-o", dir.resolve("report").toString(), "--no-dnsmos", "--rates", "4000");
        assertTrue(rc != 0);
        rc = QuellCli.execute("eval", "--clean", dir.resolve("clean").toString(), "--noisy", dir.resolve("noisy").toString(),
                "-o", dir.resolve("report").toString(), "--no-dnsmos", "--rates", "44057");
        assertTrue(rc != 0, "a rate whose ratio to 48 kHz has terms above 1000");
    }
}
