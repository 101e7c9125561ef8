package dev.quell.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.io.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pitch on real speech: the dev pairs of ../shared/data (RAVDESS actors 21/22 with real noises).
 * On every pair with an input SNR of at least 5 dB, the period tracked on the noisy file must
 * agree within 5 % with the period tracked on its clean version on at least 90 % of the frames
 * that are voiced in the clean signal. A frame counts as voiced when the clean tracker's
 * correlation is at least {@link #VOICED_CORRELATION} and the frame's energy is within 30 dB of
 * the loudest frame of the file. Skipped when the data pack is absent.
 */
class PitchOnSpeechTest {
    static final double VOICED_CORRELATION = 0.6;

    private static int[][] track(float[] x, int lookahead) {
        FrameChain chain = new FrameChain(lookahead);
        int frames = x.length / FrameFormat.HOP;
        int[][] out = new int[3][frames];
        for (int t = 0; t < frames + lookahead; t++) {
            if (t < frames) {
                chain.analyze(x, t * FrameFormat.HOP);
            } else {
                chain.analyze(new float[FrameFormat.HOP], 0);
            }
            chain.prepareOutputFrame();
            int j = t - lookahead;
            if (j >= 0) {
                out[0][j] = chain.outputPeriod();
                out[1][j] = Math.round(1000 * chain.outputPitchCorrelation());
                double e = 0;
                for (float v : chain.outputEnergy()) {
                    e += v;
                }
                out[2][j] = (int) Math.round(100 * 10 * Math.log10(e + 1e-12));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void noisyPitchAgreesWithCleanPitchOnVoicedFrames(int lookahead) throws IOException {
        Path data = SharedData.dataDir();
        assumeTrue(data != null, "../shared/data not present");
        Path clean = data.resolve("dev/pairs/clean");
        Path noisy = data.resolve("dev/pairs/noisy");
        List<Path> files;
        try (Stream<Path> s = Files.list(clean)) {
            files = s.filter(p -> snrOf(p) >= 5).sorted().collect(Collectors.toList());
        }
        assumeTrue(!files.isEmpty());
        int voiced = 0;
        int agree = 0;
        for (Path c : files) {
            AudioData ca = AudioReader.read(c);
            AudioData na = AudioReader.read(noisy.resolve(c.getFileName()));
            int[][] tc = track(ca.mono(), lookahead);
            int[][] tn = track(na.mono(), lookahead);
            int max = Integer.MIN_VALUE;
            for (int e : tc[2]) {
                max = Math.max(max, e);
            }
            for (int j = 0; j < tc[0].length; j++) {
                if (tc[1][j] >= 1000 * VOICED_CORRELATION && tc[2][j] >= max - 3000) {
                    voiced++;
                    if (Math.abs(tn[0][j] - tc[0][j]) <= 0.05 * tc[0][j]) {
                        agree++;
                    }
                }
            }
        }
        double rate = agree / (double) voiced;
        System.out.printf("pitch on dev speech, look-ahead %d: %d of %d voiced frames agree (%.1f %%)%n",
                lookahead, agree, voiced, 100 * rate);
        assertTrue(voiced > 1000, "too few voiced frames: " + voiced);
        assertTrue(rate >= 0.90, "agreement " + rate);
    }

    private static int snrOf(Path p) {
        String n = p.getFileName().toString();
        int i = n.lastIndexOf("_snr");
        return Integer.parseInt(n.substring(i + 4, n.length() - ".flac".length()));
    }
}
