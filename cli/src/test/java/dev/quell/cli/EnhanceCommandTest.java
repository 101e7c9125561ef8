package dev.quell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnhanceCommandTest {
    @TempDir
    Path dir;

    private static float[] signal(long seed, int n, int rate) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double ph = 0;
        for (int i = 0; i < n; i++) {
            ph += 2 * Math.PI * (150 + 30 * Math.sin(i * 2.0 / rate)) / rate;
            double env = Math.max(0, Math.sin(2 * Math.PI * 2.5 * i / rate));
            x[i] = (float) (0.1 * env * (Math.sin(ph) + 0.5 * Math.sin(2 * ph) + 0.3 * Math.sin(3 * ph))
                    + 0.02 * r.nextGaussian());
        }
        return x;
    }

    /** Runs the CLI, returns {exit code, stderr}. */
    private static Object[] cli(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int rc = QuellCli.commandLine().setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new Object[] {rc, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void cliOutputEqualsWhatAHostRendersWithAnyBlocks() throws IOException {
        int rate = 44100;
        int n = rate * 2;
        float[][] x = {signal(1, n, rate), signal(2, n, rate)};
        Path in = dir.resolve("take.wav");
        WavWriter.write(in, new AudioData(rate, x, SampleFormat.FLOAT_32), SampleFormat.FLOAT_32);
        Path out = dir.resolve("take-clean.wav");
        Object[] r = cli("enhance", in.toString(), "-o", out.toString(), "--lookahead-ms", "10",
                "--post-filter", "70", "--no-progress");
        assertEquals(0, r[0], (String) r[1]);
        AudioData y = AudioReader.read(out);
        assertEquals(rate, y.sampleRate());
        assertEquals(2, y.channelCount());
        assertEquals(n, y.frames());
        assertEquals(SampleFormat.FLOAT_32, y.format());

        // a "host": random block sizes, then the latency removed by hand
        QuellEngine e = new QuellEngine(EngineModels.defaults());
        e.setParameter(Parameter.LOOKAHEAD, 10);
        e.setParameter(Parameter.POST_FILTER, 70);
        e.prepare(rate, 1024, 2);
        int lat = e.latencySamples();
        Random rnd = new Random(3);
        float[][] host = new float[2][n + lat];
        float[][] bi = new float[2][1024];
        float[][] bo = new float[2][1024];
        int pos = 0;
        while (pos < n + lat) {
            int m = Math.min(n + lat - pos, rnd.nextInt(1025));
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < m; i++) {
                    bi[c][i] = pos + i < n ? x[c][pos + i] : 0f;
                }
            }
            e.process(bi, bo, m);
            for (int c = 0; c < 2; c++) {
                System.arraycopy(bo[c], 0, host[c], pos, m);
            }
            pos += m;
        }
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(host[c], lat, lat + n), y.channels()[c], "channel " + c);
        }
    }

    @Test
    void foldersAreMirroredBadFilesSkippedAndReported() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("ep1"));
        WavWriter.write(in.resolve("ep1/intro.wav"), new AudioData(48000, new float[][] {signal(4, 24000, 48000)},
                SampleFormat.PCM_16), SampleFormat.PCM_16);
        WavWriter.write(in.resolve("phone.wav"), new AudioData(8000, new float[][] {signal(5, 8000, 8000)},
                SampleFormat.PCM_24), SampleFormat.PCM_24);
        Files.writeString(in.resolve("broken.wav"), "RIFF but not really a wave file");
        Files.writeString(in.resolve("notes.txt"), "not audio, ignored");
        Path out = dir.resolve("out");
        Object[] r = cli("enhance", in.toString(), "-o", out.toString(), "--preset", "gentle cleanup");
        assertEquals(1, r[0], "a failed file makes the exit code 1");
        String err = (String) r[1];
        assertTrue(err.contains("broken.wav") && err.contains("1 of 3 file(s) failed"), err);
        AudioData a = AudioReader.read(out.resolve("ep1/intro.wav"));
        assertEquals(24000, a.frames());
        assertEquals(SampleFormat.PCM_16, a.format());
        AudioData b = AudioReader.read(out.resolve("phone.wav"));
        assertEquals(8000, b.sampleRate(), "rates the engine does not run are converted and back");
        assertEquals(8000, b.frames());
        assertEquals(SampleFormat.PCM_24, b.format());
        assertTrue(Files.notExists(out.resolve("broken.wav")) && Files.notExists(out.resolve("notes.wav")));
    }

    @Test
    void theInputIsNeverOverwritten() throws IOException {
        Path in = dir.resolve("voice.wav");
        WavWriter.write(in, new AudioData(48000, new float[][] {signal(6, 4800, 48000)}, SampleFormat.PCM_16),
                SampleFormat.PCM_16);
        byte[] before = Files.readAllBytes(in);
        Object[] r = cli("enhance", in.toString(), "-o", in.toString());
        assertEquals(2, r[0], "a usage error");
        assertTrue(((String) r[1]).contains("refusing to overwrite the input"), (String) r[1]);
        r = cli("enhance", dir.toString(), "-o", dir.toString());
        assertEquals(2, r[0]);
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void badOptionsAndPresetsAreExplained() throws IOException {
        Path in = dir.resolve("v.wav");
        WavWriter.write(in, new AudioData(48000, new float[][] {signal(7, 4800, 48000)}, SampleFormat.PCM_16),
                SampleFormat.PCM_16);
        Object[] r = cli("enhance", in.toString(), "-o", dir.resolve("o.wav").toString(), "--lookahead-ms", "15");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("--lookahead-ms must be one of 0 ms, 10 ms, 20 ms"), (String) r[1]);
        r = cli("enhance", in.toString(), "-o", dir.resolve("o.wav").toString(), "--preset", "Loudest");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("no preset named 'Loudest'") && ((String) r[1]).contains("Podcast voice"),
                (String) r[1]);
        assertTrue(Files.notExists(dir.resolve("o.wav")));
    }

    @Test
    void everyHelpListsItsOptionsAsDeclaredWithHelpAndVersionLast() {
        picocli.CommandLine cl = QuellCli.commandLine();
        for (picocli.CommandLine sub : cl.getSubcommands().values()) {
            String full = sub.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("(?m)^\\s+(-\\w, )?--\\S").matcher(full);
            assertTrue(first.find(), full);
            String usage = full.substring(first.start()); // the option list, after the synopsis
            int help = usage.indexOf("-h, --help");
            int version = usage.indexOf("-V, --version");
            assertTrue(help > 0 && version > help, sub.getCommandName() + ":\n" + usage);
            for (picocli.CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.usageHelp() && !o.versionHelp() && !o.hidden()) {
                    String name = o.longestName().substring(2);
                    int at = usage.indexOf(o.negatable() ? "--[no-]" + name : "--" + name);
                    assertTrue(at >= 0 && at < help, sub.getCommandName() + " " + o.longestName() + ":\n" + usage);
                }
            }
        }
    }
}
