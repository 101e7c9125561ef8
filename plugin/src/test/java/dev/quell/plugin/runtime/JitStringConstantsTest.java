package dev.quell.plugin.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitStringConstantsTest {
    @Test
    void everyScopeEntryIsReadAndItsLiteralsAreInterned() {
        int kept = JitStringConstants.ensureInterned();
        assertEquals(0, JitStringConstants.skipped(), "scope entries that could not be read");
        // Parameter, JTransforms' DoubleFFT_1D and utils, JLargeArrays
        int classes = JitStringConstants.classes();
        assertTrue(classes > 150 && classes < 300, "class files read: " + classes);
        assertEquals(kept, JitStringConstants.ensureInterned(), "the second call does no work");
        // the parameter enum's text (a string-concatenation recipe, as javac writes it)
        assertTrue(JitStringConstants.keeps("unknown parameter index \u0001"));
        // an audio-path class of Quell keeps its texts in Messages, out of scope
        assertFalse(JitStringConstants.keeps("look-ahead must be 0..2 frames, got \u0001"));
    }
}
