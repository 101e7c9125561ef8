package dev.quell.dsp.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the developers' data pack ({@code ../shared/data} beside the checkout), if present. */
public final class SharedData {
    private SharedData() {
    }

    /**
     * @return the {@code shared/data} folder, from $QUELL_SHARED_DATA or the first of ../shared/data,
     *     ../../shared/data, ../../../shared/data (relative to the working directory) that exists;
     *     null when absent
     */
    public static Path dataDir() {
        String env = System.getenv("QUELL_SHARED_DATA");
        if (env != null && Files.isDirectory(Paths.get(env))) {
            return Paths.get(env);
        }
        Path here = Paths.get("").toAbsolutePath();
        for (int up = 0; up < 4 && here != null; up++, here = here.getParent()) {
            Path p = here.resolve("../shared/data").normalize();
            if (Files.isDirectory(p.resolve("dev/pairs"))) {
                return p;
            }
        }
        return null;
    }
}
