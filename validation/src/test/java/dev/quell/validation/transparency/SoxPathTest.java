package dev.quell.validation.transparency;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quell.validation.metrics.SiSdr;
import dev.quell.validation.metrics.Stoi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's own rate path against an external high-quality conversion (sox/libsoxr), on clean
 * speech at every rate the engine supports: clean 48 kHz speech is converted to the rate with sox
 * (the input, 16-bit as a user's file), then (a) enhanced at that rate by {@code quell enhance}'s
 * path, and (b) converted to 48 kHz with sox, enhanced at 48 kHz, and converted back with sox.
 * The built-in path must be at least as transparent (output against input, SI-SDR and STOI, mean
 * over the clips) as (b), within {@link #SI_SDR_PRECISION} dB and {@link #STOI_PRECISION} (the
 * rounding of the printed values). Skips where sox is absent.
 *
 * <p>{@link #MODEL_LIMITS}: rates where the shipped network, not the rate path, keeps the built-in
 * path below sox, with the values measured when recorded; the test then checks that they have
 * not fallen and prints the gap. The model-v2 issue owns those. Skips without the data pack too,
 * because those limits were measured on the dev clean clips and mean nothing on other speech.
 */
@Tag("slow")
class SoxPathTest {
    static final double SI_SDR_PRECISION = 0.1;
    static final double STOI_PRECISION = 0.0005;

    /**
     * {built-in SI-SDR, built-in STOI} measured on the dev clean clips with the shipped model.
     * 8 kHz (recorded 2026-12-02 with model v1 at 30.08 dB, 0.9957; model v2, 2026-12-06, 36.42 dB,
     * 0.9998, sox 40.25 dB): the network wants a quiet upper-band floor on clean speech and a
     * loud one on noisy speech (docs/engine.md); the floor chosen for both leaves clean 8 kHz
     * speech below the sox path, whose dithered 16-bit file happens to suit clean input.
     * 32, 44.1, 88.2 and 96 kHz (model v2; 32 and 44.1 kHz recorded 2026-12-07, the others
     * 2026-12-06): the built-in path is 1.4, 0.8, 0.8 and 2.1 dB below sox (sox 44.90, 48.28,
     * 47.16, 48.74 dB), at 43 dB and more. A 0.475 passband lifts 32 kHz to 48.3 dB, with no
     * effect on the noisy dev pairs beyond the frame grid's spread, but adds 3-4 ms of latency
     * (Resampler.passband; docs/engine.md, "From 32 to 96 kHz"); owned by the model issue.
     * (32 and 44.1 kHz were at 40.40 and 41.52 dB until the
     * quieter upper-band floor above a 16 kHz edge.)
     */
    private static final java.util.Map<Integer, double[]> MODEL_LIMITS = java.util.Map.of(
            8000, new double[] {36.42, 0.9998},
            32000, new double[] {43.47, 1.0},
            44100, new double[] {47.45, 1.0},
            88200, new double[] {46.41, 1.0},
            96000, new double[] {46.66, 1.0});

    private static List<float[]> clips;

    @BeforeAll
    static void load() {
        clips = CleanSpeech.clips();
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000})
    void theBuiltInRatePathIsAtLeastAsTransparentAsSox(int rate, @TempDir Path dir) throws IOException {
        assumeTrue(Sox.available(), "sox is not installed");
        // The recorded model limits were measured on the dev clips.
        assumeTrue(CleanSpeech.fromDataPack(), "../shared/data not present: the comparison needs the dev speech");
        double[] builtIn = new double[2];
        double[] viaSox = new double[2];
        for (float[] clip : clips) {
            float[] x = rate == CleanSpeech.RATE ? clip : Sox.convert(clip, CleanSpeech.RATE, rate, dir);
            float[] y = CleanSpeech.enhance(x, rate);
            float[] z;
            if (rate == 48000) {
                z = y;
            } else {
                float[] up = Sox.convert(x, rate, 48000, dir);
                z = Arrays.copyOf(Sox.convert(CleanSpeech.enhance(up, 48000), 48000, rate, dir), x.length);
            }
            builtIn[0] += SiSdr.compute(x, y) / clips.size();
            builtIn[1] += Stoi.stoi(x, y, rate) / clips.size();
            viaSox[0] += SiSdr.compute(x, z) / clips.size();
            viaSox[1] += Stoi.stoi(x, z, rate) / clips.size();
        }
        String row = String.format(Locale.ROOT, "%d Hz, %s: built-in SI-SDR %.2f dB STOI %.4f; via sox %.2f dB %.4f",
                rate, CleanSpeech.source(), builtIn[0], builtIn[1], viaSox[0], viaSox[1]);
        System.out.println("transparency against sox: " + row);
        double[] limit = MODEL_LIMITS.get(rate);
        if (limit != null) {
            System.out.println("transparency against sox: " + rate + " Hz is a known limit of the shipped model (recorded "
                    + limit[0] + " dB, " + limit[1] + ")");
            assertTrue(builtIn[0] >= limit[0] - 0.5 && builtIn[1] >= limit[1] - 0.002, "fell below the recorded limit: " + row);
            return;
        }
        assertTrue(builtIn[0] >= viaSox[0] - SI_SDR_PRECISION, "SI-SDR: " + row);
        assertTrue(builtIn[1] >= viaSox[1] - STOI_PRECISION, "STOI: " + row);
    }
}
