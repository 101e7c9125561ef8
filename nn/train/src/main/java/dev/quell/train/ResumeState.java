package dev.quell.train;

import dev.quell.dsp.Features;
import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a work folder's {@code state.properties} says about its {@code checkpoint.params}: the step
 * it was saved at and the network's shape, which a resumed run needs to load it (and to widen it
 * when the new run has more inputs or larger GRUs, see {@link Widening}).
 *
 * @param step training steps made, ≥ 0 (0 with no checkpoint)
 * @param inputs the network's input count (70 when the file predates the count)
 * @param gru state size of gru1 and gru2 (256 when the file predates the size)
 * @param snr whether the network has the SNR head
 */
record ResumeState(int step, int inputs, int gru, boolean snr) {
    private static final String FILE = "state.properties";

    /**
     * @param work the work folder
     * @return its state, or step 0 with today's defaults when it has no state file
     * @throws IOException if the file cannot be read
     * @throws NumberFormatException if a value is not a number
     */
    static ResumeState read(Path work) throws IOException {
        Properties p = new Properties();
        Path file = work.resolve(FILE);
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
        }
        return new ResumeState(Integer.parseInt(p.getProperty("step", "0")),
                Integer.parseInt(p.getProperty("features", String.valueOf(Features.COUNT))),
                Integer.parseInt(p.getProperty("gru", String.valueOf(QuellNet.GRU_SIZE))),
                Boolean.parseBoolean(p.getProperty("snr", "false")));
    }

    /**
     * Writes the state file atomically (beside the checkpoint it describes).
     *
     * @param work the work folder
     * @throws IOException if writing fails
     */
    void write(Path work) throws IOException {
        AtomicFiles.write(work.resolve(FILE), ("step=" + step + "\nfeatures=" + inputs + "\ngru=" + gru
                + "\nsnr=" + snr + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
