package dev.quell.train;

import dev.quell.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the step-indexed logs of a work folder ({@code loss.csv}, {@code dev.csv}: a header line,
 * then one row per logged step whose first comma-separated field is the step number) in step with
 * its checkpoint.
 *
 * <p>A run stopped between two checkpoints has logged rows for steps past the checkpoint it will
 * resume from; those steps are trained again, so their old rows would appear twice. {@link
 * #dropAfter} removes them before the resumed run appends its own.
 */
final class StepLogs {
    private StepLogs() {
    }

    /**
     * Removes the rows logged for steps after {@code step}; rewrites the file atomically, and only
     * if a row goes. A missing file is left missing.
     *
     * @param csv a step-indexed log (UTF-8, header first)
     * @param step the step of the checkpoint being resumed, ≥ 0
     * @return the number of rows removed
     * @throws IOException if the file cannot be read or written, or a row does not start with a
     *     step number (the message names the file and the line)
     */
    static int dropAfter(Path csv, int step) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 || line.isBlank() || rowStep(csv, i + 1, line) <= step) {
                kept.add(line);
            }
        }
        int dropped = lines.size() - kept.size();
        if (dropped > 0) {
            StringBuilder text = new StringBuilder();
            for (String line : kept) {
                text.append(line).append('\n');
            }
            AtomicFiles.write(csv, text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return dropped;
    }

    private static int rowStep(Path csv, int lineNumber, String line) throws IOException {
        int comma = line.indexOf(',');
        String field = comma < 0 ? line : line.substring(0, comma);
        try {
            return Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            throw new IOException(csv + ": line " + lineNumber + " does not start with a step number: " + line);
        }
    }
}
