package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STOI/ESTOI against values computed by the reference implementation (pystoi 0.4.1). */
class StoiTest {
    private static Path vectors() {
        Path data = SharedData.dataDir();
        return data == null ? null : data.getParent().resolve("testvectors");
    }

    @Test
    void matchesReferenceOnTenKilohertzVectorsWithinTwoThousandths() throws IOException {
        Path v = vectors();
        assumeTrue(v != null && Files.isDirectory(v.resolve("stoi10k")), "test vectors not present");
        List<String> lines = Files.readAllLines(v.resolve("stoi10k/reference.csv"));
        double worst = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            float[] c = AudioReader.read(v.resolve("stoi10k/clean").resolve(f[0])).mono();
            float[] n = AudioReader.read(v.resolve("stoi10k/noisy").resolve(f[0])).mono();
            double s = Stoi.stoi(c, n, 10_000);
            double e = Stoi.estoi(c, n, 10_000);
            worst = Math.max(worst, Math.max(Math.abs(s - Double.parseDouble(f[2])), Math.abs(e - Double.parseDouble(f[3]))));
            assertEquals(Double.parseDouble(f[2]), s, 0.002, "STOI " + f[0]);
            assertEquals(Double.parseDouble(f[3]), e, 0.002, "ESTOI " + f[0]);
        }
        System.out.printf("STOI/ESTOI at 10 kHz: worst deviation from reference %.5f over %d files%n", worst, lines.size() - 1);
    }

    @Test
    void matchesReferenceOnTheDevPairsAfterResamplingWithinFiveThousandths() throws IOException {
        Path v = vectors();
        assumeTrue(v != null && Files.isRegularFile(v.resolve("dev_pairs_reference.csv")), "test vectors not present");
        Path pairs = SharedData.dataDir().resolve("dev/pairs");
        List<String> lines = Files.readAllLines(v.resolve("dev_pairs_reference.csv"));
        double worst = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            float[] c = AudioReader.read(pairs.resolve(f[0])).mono();
            float[] n = AudioReader.read(pairs.resolve(f[1])).mono();
            double s = Stoi.stoi(c, n, 48_000);
            double e = Stoi.estoi(c, n, 48_000);
            worst = Math.max(worst, Math.max(Math.abs(s - Double.parseDouble(f[3])), Math.abs(e - Double.parseDouble(f[4]))));
            assertEquals(Double.parseDouble(f[3]), s, 0.005, "STOI " + f[1]);
            assertEquals(Double.parseDouble(f[4]), e, 0.005, "ESTOI " + f[1]);
        }
        System.out.printf("STOI/ESTOI at 48 kHz: worst deviation from reference %.5f over %d pairs%n", worst, lines.size() - 1);
    }
}
