package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.SampleFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DebianAudioCatalogueTest {
    @Test
    void voicesAndClassesComeFromThePackageLayout() {
        assertEquals("tuxpaint-fr", DebianAudioCatalogue.voice("tuxpaint-stamps-default",
                "audio/tuxpaint-stamps-default/usr/share/tuxpaint/stamps/animals/frog-1_desc_fr.flac"));
        assertEquals("klettres-pt_BR", DebianAudioCatalogue.voice("klettres-data",
                "audio/klettres-data/usr/share/klettres/pt_BR/syllab/ba.flac"));
        assertEquals("ktuberling-en", DebianAudioCatalogue.voice("ktuberling-data",
                "audio/ktuberling-data/usr/share/ktuberling/sounds/en/ball.flac"));
        assertEquals("fillets-m", DebianAudioCatalogue.voice("fillets-ng-data-cs",
                "audio/fillets-ng-data-cs/usr/share/games/fillets-ng/sound/airplane/cs/let-m-oko.flac"));
        assertEquals("keyboard", DebianAudioCatalogue.noiseClass("bucklespring-data", "audio/bucklespring-data/x/01-0.flac"));
        assertEquals("ambient", DebianAudioCatalogue.noiseClass("0ad-data", "audio/0ad-data/audio0ad/audio/ambient/wind.flac"));
        assertEquals("music", DebianAudioCatalogue.noiseClass("0ad-data", "audio/0ad-data/audio0ad/audio/music/a.flac"));
        assertEquals("foley", DebianAudioCatalogue.noiseClass("0ad-data", "audio/0ad-data/audio0ad/audio/actor/a.flac"));
        assertEquals("music", DebianAudioCatalogue.noiseClass("wesnoth-1.16-music", "audio/w/music/battle.flac"));
    }

    @Test
    void speechGetsItsMeasuredTierAndNarrowbandSpeechIsDropped() {
        Random r = new Random(2);
        float[] white = new float[44_100];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) (0.1 * r.nextGaussian());
        }
        AudioData full = new AudioData(44_100, new float[][] {white}, SampleFormat.PCM_16);
        String[] row = DebianAudioCatalogue.entry("audio/tuxpaint-stamps-default/a_desc_fr.flac",
                "tuxpaint-stamps-default", full).row().split(",", 10);
        assertEquals("train", row[1]);
        assertEquals("speech", row[2]);
        assertEquals("tuxpaint", row[3]);
        assertEquals(22_050, Double.parseDouble(row[7]), 1);
        float[] narrow = dev.quell.dsp.resample.Resampler.resample(
                dev.quell.dsp.resample.Resampler.resample(white, 44_100, 8_000), 8_000, 44_100);
        DebianAudioCatalogue.Entry e = DebianAudioCatalogue.entry("audio/tuxpaint-stamps-default/b_desc_el.flac",
                "tuxpaint-stamps-default", new AudioData(44_100, new float[][] {narrow}, SampleFormat.PCM_16));
        assertFalse(e.kept(), "a 4 kHz voice is no training target: " + e.row());
        assertTrue(e.row().split(",")[1].equals("heldout"));
        DebianAudioCatalogue.Entry music = DebianAudioCatalogue.entry("audio/hedgewars-data/Data/Music/Art.flac",
                "hedgewars-data", new AudioData(44_100, new float[][] {narrow}, SampleFormat.PCM_16));
        assertTrue(music.kept(), "noise of any bandwidth is kept");
        assertTrue(music.row().contains(",noise,hedgewars,music,"), music.row());
    }

    @Test
    void theSecondMusicSetIsMusicUnderItsPackagesLicence() {
        float[] tone = new float[44_100];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
        }
        AudioData a = new AudioData(44_100, new float[][] {tone}, SampleFormat.PCM_16);
        String[] ufo = DebianAudioCatalogue.entry("audio/ufoai-music/ufoai/music/David01.flac", "ufoai-music", a)
                .row().split(",", 10);
        assertEquals("noise", ufo[2]);
        assertEquals("ufoai", ufo[3]);
        assertEquals("music", ufo[4]);
        assertEquals("GPL-2+ (licences/ufoai-music.copyright)", ufo[9]);
        String[] kart = DebianAudioCatalogue.entry("audio/supertuxkart-data/usr/share/games/supertuxkart/data/music/Lava.flac",
                "supertuxkart-data", a).row().split(",", 10);
        assertEquals("supertuxkart", kart[3]);
        assertEquals("music", kart[4]);
        assertTrue(kart[9].startsWith("CC BY-SA 3.0 / 4.0"), kart[9]);
    }
}
