package dev.quell.validation.transparency;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The sox command-line tool (Debian {@code sox}, resampling with libsoxr) as a reference converter. */
final class Sox {
    private Sox() {
    }

    /** @return true if {@code sox --version} runs */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("sox", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Converts a mono signal as a user with 16-bit files would: the signal is written as a
     * 16-bit WAV and converted by {@code sox in.wav -r RATE out.wav} (sox's default high-quality
     * rate conversion and its default dither, in repeatable mode), then read back.
     *
     * @param x mono samples
     * @param rate their rate, Hz
     * @param outRate the rate wanted, Hz
     * @param dir a scratch folder
     * @return the converted samples (16-bit values)
     * @throws IOException if sox fails
     */
    static float[] convert(float[] x, int rate, int outRate, Path dir) throws IOException {
        Path in = Files.createTempFile(dir, "in", ".wav");
        Path out = Files.createTempFile(dir, "out", ".wav");
        Files.delete(out);
        WavWriter.write(in, new AudioData(rate, new float[][] {x}, SampleFormat.PCM_16), SampleFormat.PCM_16);
        Process p = new ProcessBuilder("sox", "-R", "-V1", in.toString(), "-r", Integer.toString(outRate), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("sox failed: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        float[] y = AudioReader.read(out).mono();
        Files.delete(in);
        Files.delete(out);
        return y;
    }
}
