package dev.quell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch loop of {@code quell enhance}: one file's failure, of any kind, never stops the others. */
class EnhanceBatchTest {
    @TempDir
    Path dir;

    @Test
    void anInternalErrorOnOneFileIsReportedWithItsNameAndTheOthersGoOn() throws IOException {
        List<OutputPlan.Job> jobs = new ArrayList<>();
        for (String name : new String[] {"a", "b", "c"}) {
            Path in = Files.writeString(dir.resolve(name + ".wav"), "x");
            jobs.add(new OutputPlan.Job(in, dir.resolve(name + "-out.wav")));
        }
        List<Path> attempted = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        EnhanceCommand.Tally tally;
        try {
            tally = new EnhanceCommand().enhanceEach(jobs, (job, progress) -> {
                attempted.add(job.in());
                if (job.in().getFileName().toString().equals("b.wav")) {
                    throw new NullPointerException("a library's bug");
                }
                return new FileEnhancer.Result(1.5, 0.1, null);
            });
        } finally {
            System.setErr(err);
        }
        assertEquals(3, attempted.size(), "every file is tried");
        assertEquals(List.of(jobs.get(1).in().toString()), tally.failures);
        assertEquals(3.0, tally.audioSeconds, 1e-9);
        String stderr = e.toString(StandardCharsets.UTF_8);
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.startsWith("quell: skipped " + jobs.get(1).in() + ": internal error ("), stderr);
        assertTrue(stderr.contains("a library's bug"), stderr);
    }
}
