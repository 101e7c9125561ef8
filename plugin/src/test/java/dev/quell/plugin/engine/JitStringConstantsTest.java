package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitStringConstantsTest {
    @Test
    void everyAudioPathPackageIsReadAndItsLiteralsAreInterned() {
        int kept = JitStringConstants.ensureInterned();
        assertEquals(0, JitStringConstants.skipped(), "packages that could not be read");
        // engine + dsp + nn (directories or jars) and JTransforms + JLargeArrays (jars)
        assertTrue(JitStringConstants.classes() > 300, "class files read: " + JitStringConstants.classes());
        assertTrue(kept > 300, "strings kept: " + kept);
        assertEquals(kept, JitStringConstants.ensureInterned(), "the second call does no work");
        // the JNI bridge's literals (string-concatenation recipes, as javac writes them) are kept too
        for (String literal : new String[] {"audio buffer must be direct and hold 2 x \u0001 x \u0001 floats"}) {
            assertTrue(JitStringConstants.keeps(literal), literal);
        }
    }
}
