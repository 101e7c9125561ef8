package dev.quell.validation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNSMOS against values computed with Microsoft's dnsmos_local.py on the same files. */
class DnsmosTest {
    @Test
    void matchesReferenceScoresWithinTwoHundredths() throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared not present");
        Path shared = data.getParent();
        Path models = shared.resolve("models/dnsmos");
        Path vectors = shared.resolve("testvectors");
        assumeTrue(Files.isRegularFile(models.resolve("sig_bak_ovr.onnx")), "DNSMOS models not present");
        List<String> lines = Files.readAllLines(vectors.resolve("dnsmos16k/reference.csv"));
        double worst = 0;
        try (Dnsmos dnsmos = new Dnsmos(models)) {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                AudioData a = AudioReader.read(vectors.resolve(f[0]));
                Dnsmos.Scores s = dnsmos.score(a.mono(), a.sampleRate());
                assertEquals(Integer.parseInt(f[3]), s.windows(), f[0]);
                double[] got = {s.ovrl(), s.sig(), s.bak(), s.p808()};
                double[] want = {Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                    Double.parseDouble(f[10])};
                for (int i = 0; i < 4; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want[i]));
                    assertEquals(want[i], got[i], 0.02, f[0] + " score " + i);
                }
            }
        }
        System.out.printf("DNSMOS: worst deviation from the reference %.4f over %d files%n", worst, lines.size() - 1);
    }
}
