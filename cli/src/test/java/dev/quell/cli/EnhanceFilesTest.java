package dev.quell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.AudioSource;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of the batch issue: outputs, formats, collisions, truncated and streamed input, summary. */
class EnhanceFilesTest {
    @TempDir
    Path dir;

    private static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.05 * r.nextGaussian() + 0.2 * Math.sin(i * 0.03));
        }
        return x;
    }

    private Path wav(String name, int rate, SampleFormat f, float[]... ch) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        WavWriter.write(p, new AudioData(rate, ch, f), f);
        return p;
    }

    /** Runs the CLI, returns {exit code, stdout, stderr}. */
    private static Object[] cli(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        try {
            int rc = QuellCli.commandLine().setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new Object[] {rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    @Test
    void everySampleFormatAndThreeChannelsComeOutAsTheyWentIn() throws IOException {
        for (SampleFormat f : SampleFormat.values()) {
            Path in = wav("in-" + f + ".wav", 16_000, f, noise(1, 8000), noise(2, 8000), noise(3, 8000));
            Path out = dir.resolve("out-" + f + ".wav");
            Object[] r = cli("enhance", in.toString(), "-o", out.toString(), "--no-progress");
            assertEquals(0, r[0], (String) r[2]);
            AudioData a = AudioReader.read(out);
            assertEquals(f, a.format(), "bit depth kept");
            assertEquals(3, a.channelCount());
            assertEquals(8000, a.frames());
        }
        // each of the three channels is enhanced alone: channel 2 equals the mono file of channel 2
        Path mono = wav("mono.wav", 16_000, SampleFormat.FLOAT_32, noise(2, 8000));
        assertEquals(0, cli("enhance", mono.toString(), "-o", dir.resolve("mono-out.wav").toString())[0]);
        assertArrayEquals(AudioReader.read(dir.resolve("mono-out.wav")).channels()[0],
                AudioReader.read(dir.resolve("out-FLOAT_32.wav")).channels()[1]);
    }

    @Test
    void theOutputNameChoosesTheContainerAndOtherNamesAreRefused() throws IOException {
        Path in = wav("talk.wav", 48_000, SampleFormat.PCM_24, noise(4, 9600));
        Path flac = dir.resolve("talk-clean.flac");
        assertEquals(0, cli("enhance", in.toString(), "-o", flac.toString())[0]);
        try (AudioSource s = AudioSource.open(flac)) {
            assertEquals("FlacSource", s.getClass().getSimpleName());
            assertEquals(SampleFormat.PCM_24, s.format());
        }
        Object[] r = cli("enhance", in.toString(), "-o", dir.resolve("talk.mp3").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).strip().lines().count() == 1 && ((String) r[2]).contains(".wav or .flac"), (String) r[2]);
        assertFalse(Files.exists(dir.resolve("talk.mp3")));
        // a trailing slash means a folder, created when missing
        r = cli("enhance", in.toString(), "-o", dir.resolve("newdir").toString() + "/");
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(Files.isRegularFile(dir.resolve("newdir/talk.wav")));
    }

    @Test
    void severalInputsGoToAFolderAndCollisionsAreRefusedBeforeAnyWork() throws IOException {
        Path a = wav("x/a.wav", 16_000, SampleFormat.PCM_16, noise(5, 4000));
        Path b = wav("y/a.wav", 16_000, SampleFormat.PCM_16, noise(6, 4000));
        Path c = wav("y/c.flac.wav", 16_000, SampleFormat.PCM_16, noise(7, 4000));
        Path out = dir.resolve("batch");
        Object[] r = cli("enhance", a.toString(), b.toString(), "-o", out.toString());
        assertEquals(2, r[0]);
        String err = (String) r[2];
        assertTrue(err.contains("same output") && err.contains(a.toString()) && err.contains(b.toString()), err);
        assertFalse(Files.exists(out), "nothing was processed");
        r = cli("enhance", a.toString(), c.toString(), "-o", out.toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(Files.isRegularFile(out.resolve("a.wav")) && Files.isRegularFile(out.resolve("c.flac.wav")));
        // folders keep their containers: a.wav and a.flac side by side stay apart
        wav("mixed/a.wav", 16_000, SampleFormat.PCM_16, noise(8, 4000));
        assertEquals(0, cli("enhance", dir.resolve("mixed/a.wav").toString(), "-o", dir.resolve("mixed/a.flac").toString())[0]);
        r = cli("enhance", dir.resolve("mixed").toString(), "-o", dir.resolve("mixed-out").toString());
        assertEquals(0, r[0], (String) r[2]);
        assertTrue(Files.isRegularFile(dir.resolve("mixed-out/a.wav")) && Files.isRegularFile(dir.resolve("mixed-out/a.flac")));
    }

    @Test
    void outputsGetTheUsualPermissions() throws IOException {
        Path in = wav("p.wav", 16_000, SampleFormat.PCM_16, noise(9, 4000));
        Path ref = Files.createFile(dir.resolve("reference"));
        Path out = dir.resolve("p-out.wav");
        assertEquals(0, cli("enhance", in.toString(), "-o", out.toString())[0]);
        assertEquals(Files.getPosixFilePermissions(ref), Files.getPosixFilePermissions(out));
    }

    @Test
    void anUnwritableFolderIsNamedBeforeAnyWork() throws IOException {
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys), "no /sys here");
        try {
            Files.delete(Files.createTempFile(sys, "q", ".t"));
            assumeTrue(false, "/sys is writable here");
        } catch (java.nio.file.AccessDeniedException expected) {
            // the case under test: not writable, even for root
        }
        Path in = wav("s.wav", 16_000, SampleFormat.PCM_16, noise(10, 4000));
        Object[] r = cli("enhance", in.toString(), "-o", "/sys/quell-out.wav");
        assertEquals(1, r[0]);
        assertEquals("quell: permission denied: /sys", ((String) r[2]).strip());
    }

    @Test
    void streamedAndTruncatedWavsAreEnhancedToTheirEndAndOnlyTheTruncatedOneFails() throws IOException {
        Path in = wav("piped.wav", 16_000, SampleFormat.PCM_16, noise(11, 16_000));
        byte[] all = Files.readAllBytes(in);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int data = new String(all, 0, 100, StandardCharsets.ISO_8859_1).indexOf("data");
        b.putInt(4, -1).putInt(data + 4, -1);
        Files.write(in, b.array());
        Object[] r = cli("enhance", in.toString(), "-o", dir.resolve("piped-out.wav").toString());
        assertEquals(0, r[0], (String) r[2]);
        assertFalse(((String) r[2]).contains("warning"), (String) r[2]);
        assertEquals(16_000, AudioReader.read(dir.resolve("piped-out.wav")).frames());

        Path rec = wav("rec.wav", 16_000, SampleFormat.PCM_16, noise(12, 16_000));
        byte[] full = Files.readAllBytes(rec);
        Files.write(rec, Arrays.copyOf(full, full.length - 2 * 6000));
        r = cli("enhance", rec.toString(), "-o", dir.resolve("rec-out.wav").toString());
        String err = (String) r[2];
        assertEquals(1, r[0], "a damaged input is enhanced and still fails the batch: " + err);
        assertTrue(err.contains("warning") && err.contains(rec.toString()) && err.contains("10000 frames"), err);
        assertTrue(err.strip().endsWith("quell: 1 of 1 file(s) damaged (enhanced as far as they go)"), err);
        assertTrue(((String) r[1]).contains("(1 from damaged input)"), (String) r[1]);
        assertEquals(10_000, AudioReader.read(dir.resolve("rec-out.wav")).frames());
    }

    @Test
    void anEmptyFileHasNoRealTimeFactorAndJsonIsParseable() throws IOException {
        Path empty = wav("empty.wav", 48_000, SampleFormat.PCM_16, new float[0]);
        Object[] r = cli("enhance", empty.toString(), "-o", dir.resolve("empty-out.wav").toString());
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("no real-time factor") && !out.contains("2008147085"), out);
        assertEquals(0, AudioReader.read(dir.resolve("empty-out.wav")).frames());
        Path in = wav("j.wav", 16_000, SampleFormat.PCM_16, noise(13, 16_000));
        r = cli("enhance", in.toString(), "-o", dir.resolve("j-out.wav").toString(), "--json");
        assertEquals(0, r[0], (String) r[2]);
        JsonNode j = new ObjectMapper().readTree((String) r[1]);
        assertEquals(1, j.get("enhanced").asInt());
        assertEquals(1.0, j.get("audio_seconds").asDouble(), 1e-9);
        assertTrue(j.get("real_time_factor").asDouble() > 0);
        r = cli("enhance", in.toString(), "-o", dir.resolve("q-out.wav").toString(), "--quiet");
        assertEquals("", r[1]);
    }

    /**
     * jflac prints "readResidual elsecase" to standard output on a corrupt frame; with --json that
     * broke the one JSON object a script parses. The file (a 24-bit stereo FLAC with one bit of a
     * residual flipped, made while fuzzing) is reported as damaged and stdout stays JSON.
     */
    @Test
    void aCorruptFlacFrameNeitherBreaksTheJsonSummaryNorPassesAsWhole() throws IOException {
        Path in = dir.resolve("corrupt-residual.flac");
        try (var s = EnhanceFilesTest.class.getResourceAsStream("corrupt-residual.flac")) {
            Files.write(in, s.readAllBytes());
        }
        Object[] r = cli("enhance", in.toString(), "-o", dir.resolve("c-out.wav").toString(), "--json");
        assertEquals(1, r[0], (String) r[2]);
        assertFalse(((String) r[1]).contains("readResidual"), (String) r[1]);
        JsonNode j = new ObjectMapper().readTree((String) r[1]);
        assertEquals(in.toString(), j.get("damaged").get(0).asText());
        assertTrue(((String) r[2]).contains("quell: warning: " + in), (String) r[2]);
    }

    @Test
    void presetsAreFoundByIdOrNameInAnyCaseAndBadOptionsTakeOneLine() throws IOException {
        Path in = wav("v.wav", 16_000, SampleFormat.PCM_16, noise(14, 8000));
        assertEquals(0, cli("enhance", in.toString(), "-o", dir.resolve("by-id.wav").toString(), "--preset", "podcast-voice")[0]);
        assertEquals(0, cli("enhance", in.toString(), "-o", dir.resolve("by-name.wav").toString(), "--preset", "PODCAST VOICE")[0]);
        assertArrayEquals(Files.readAllBytes(dir.resolve("by-id.wav")), Files.readAllBytes(dir.resolve("by-name.wav")));
        Object[] r = cli("enhance", in.toString(), "-o", dir.resolve("x.wav").toString(), "--no-such-option");
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("quell: ") && err.contains("--no-such-option") && err.contains("--help"), err);
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }
}
