package dev.quell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioSource;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long recordings in constant memory (tag "slow"): 20 minutes of 48 kHz mono (a 115 MB WAV; as
 * floats in memory, input and output would take 460 MB), and 10 minutes at 7.35 kHz (a rate the
 * engine does not run, converted to 48 kHz and back), are enhanced by {@code quell enhance} in
 * a child JVM with a 64 MB heap, and the child's peak resident memory is read from
 * /proc/PID/status while it runs. Before streaming, the whole file was held twice and a 3-hour
 * file ran out of memory.
 */
@Tag("slow")
class EnhanceMemoryTest {

    @TempDir
    Path dir;

    @Test
    void twentyMinutesFitInASixtyFourMegabyteHeap() throws IOException, InterruptedException {
        enhanceInSmallHeap(48_000, 20 * 60);
    }

    /** A rate the engine does not run (converted to 48 kHz and back): 10 min at 48 kHz would take 115 MB as floats. */
    @Test
    void aRateTheEngineDoesNotRunStreamsToo() throws IOException, InterruptedException {
        enhanceInSmallHeap(7_350, 10 * 60);
    }

    private void enhanceInSmallHeap(int rate, int seconds) throws IOException, InterruptedException {
        Path in = dir.resolve("episode.wav");
        Random r = new Random(1);
        float[][] block = new float[1][rate];
        try (WavSink sink = new WavSink(in, rate, 1, SampleFormat.PCM_16, false)) {
            for (int s = 0; s < seconds; s++) {
                for (int i = 0; i < rate; i++) {
                    block[0][i] = (float) (0.02 * r.nextGaussian() + 0.1 * Math.sin(2 * Math.PI * 180 * i / rate)
                            * Math.max(0, Math.sin(2 * Math.PI * 2 * i / rate)));
                }
                sink.write(block, 0, rate);
            }
            sink.finish();
        }
        Path out = dir.resolve("episode-clean.wav");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                QuellCli.class.getName(), "enhance", in.toString(), "-o", out.toString(), "--no-progress"));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        Process p = pb.start();
        long peakKb = 0;
        while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, peakResidentKb(p.pid()));
        }
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        try (AudioSource s = AudioSource.open(out)) {
            assertEquals((long) seconds * rate, s.declaredFrames());
        }
        System.out.println("quell enhance, " + seconds / 60 + " min at " + rate + " Hz, -Xmx64m: peak resident memory "
                + peakKb + " kB");
        // the JVM itself, JIT and the model take most of it; the audio must not
        assertTrue(peakKb < 400_000, "peak resident memory " + peakKb + " kB\n" + log);
    }

    /** VmHWM of a process in kB, or 0 when /proc is not there (the heap limit still holds). */
    private static long peakResidentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended
        }
        return 0;
    }
}
