package dev.quell.validation.transparency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.resample.Resampler;
import dev.quell.validation.metrics.SiSdr;
import dev.quell.validation.metrics.Stoi;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Do no harm": clean speech through {@code quell enhance} (default model and settings) must come
 * out as it went in. Inputs: the clean clips ({@link CleanSpeech}) converted to 8, 16, 22.05,
 * 44.1 and 48 kHz, and at 48 kHz band-limited to about 4, 8 and 11 kHz (converted to 8, 16 and
 * 22.05 kHz and back with {@link Resampler}: passband edges 3.6, 7.2 and 9.9 kHz, nothing above 4,
 * 8 and 11.025 kHz). Floor: mean SI-SDR at least 25 dB and mean STOI at least 0.99, output
 * against input. Without the data pack the clips are the bundled read speech
 * ({@link CleanSpeech}); until model v2 they were the synthetic speech-like demo signal, which
 * model v2 treats as partly noise (it cuts the signal's noise-burst "fricatives" and faint upper
 * partials: STOI 0.88-0.99 over the cases, 2026-12-06), so it could not judge a speech model.
 *
 * <p>Until model v2 (session 44) the 48 kHz cases band-limited to 4 and 8 kHz were recorded here as
 * known limits of the shipped model (24.8 and 18.4 dB); model v2 meets the floor in every case.
 */
@Tag("slow")
class TransparencyTest {
    static final double MIN_SI_SDR = 25.0;
    static final double MIN_STOI = 0.99;

    private static List<float[]> clips;

    @BeforeAll
    static void load() {
        clips = CleanSpeech.clips();
    }

    /**
     * @param name case name
     * @param rate rate the clip is converted to and enhanced at
     * @param bandRate 0, or the rate whose band the 48 kHz clip is limited to
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"8 kHz,8000,0", "16 kHz,16000,0", "22.05 kHz,22050,0", "44.1 kHz,44100,0", "48 kHz,48000,0",
            "48 kHz band-limited to 4 kHz,48000,8000", "48 kHz band-limited to 8 kHz,48000,16000",
            "48 kHz band-limited to 11 kHz,48000,22050"})
    void cleanSpeechComesOutAsItWentIn(String name, int rate, int bandRate) {
        double sdr = 0;
        double stoi = 0;
        for (float[] clip : clips) {
            float[] x = bandRate > 0
                    ? java.util.Arrays.copyOf(Resampler.resample(Resampler.resample(clip, CleanSpeech.RATE, bandRate), bandRate,
                            CleanSpeech.RATE), clip.length)
                    : Resampler.resample(clip, CleanSpeech.RATE, rate);
            float[] y = CleanSpeech.enhance(x, rate);
            sdr += SiSdr.compute(x, y) / clips.size();
            stoi += Stoi.stoi(x, y, rate) / clips.size();
        }
        String row = String.format(Locale.ROOT, "%s (%s): SI-SDR %.2f dB, STOI %.4f (floor %.0f dB, %.3f)", name,
                CleanSpeech.source(), sdr, stoi, MIN_SI_SDR, MIN_STOI);
        System.out.println("transparency: " + row);
        assertTrue(sdr >= MIN_SI_SDR, row);
        assertTrue(stoi >= MIN_STOI, row);
    }
}
