package dev.quell.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoudMusicFactorTest {
    @Test
    void weighsTheLoudMusicExamplesOfTheShardsInRange() {
        LoudMusicFactor rule = LoudMusicFactor.parse("musicpause", "3@2000-2079");
        assertEquals(new LoudMusicFactor("musicpause", 3f, 2000, 2079), rule);
        float[] f = rule.factors(Path.of("/x/shard-L2-02005.bin"), 64);
        int loud = 0;
        for (int i = 0; i < f.length; i++) {
            boolean music = RealWorldMixer.drawsLoudMusic(MakeShards.seed(2005, i));
            assertEquals(music ? 3f : 1f, f[i], "example " + i);
            loud += music ? 1 : 0;
        }
        assertTrue(loud > 0 && loud < 64, loud + " of 64");
        for (String outside : new String[] {"shard-L2-00005.bin", "shard-L2-02080.bin", "other.bin"}) {
            for (float v : rule.factors(Path.of(outside), 64)) {
                assertEquals(1f, v, outside);
            }
        }
    }

    @Test
    void loudMusicIsAFifthOfTheExamples() {
        LoudMusicFactor rule = LoudMusicFactor.parse("musicspeech", "2.5@0-99");
        int loud = 0;
        for (int k = 0; k < 100; k++) {
            for (float v : rule.factors(Path.of(String.format("shard-L2-%05d.bin", k)), 64)) {
                loud += v == 2.5f ? 1 : 0;
            }
        }
        assertEquals(RealWorldMixer.LOUD_MUSIC_SHARE, loud / 6400.0, 0.02, loud + " of 6400");
    }

    @Test
    void rejectsMalformedRules() {
        for (String bad : new String[] {"3", "3@2079-2000", "-1@0-1", "x@0-1", "3@0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoudMusicFactor.parse("musicspeech", bad), bad);
            assertTrue(e.getMessage().startsWith("musicspeech needs"), e.getMessage());
        }
    }
}
