package dev.quell.plugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParameterTest {
    @Test
    void idsAndIndicesAreStable() {
        assertEquals(Parameter.POST_FILTER, Parameter.byIndex(0));
        assertEquals(Parameter.LOOKAHEAD, Parameter.byIndex(1));
        assertEquals(Parameter.ATTENUATION_LIMIT, Parameter.byIndex(2));
        assertEquals(Parameter.BYPASS, Parameter.byIndex(3));
        assertEquals(Parameter.ATTENUATION_LIMIT, Parameter.byId("attenuation_limit"));
        assertThrows(IllegalArgumentException.class, () -> Parameter.byId("mix"));
    }

    @Test
    void textConvertsBothWays() {
        assertEquals("20 ms", Parameter.LOOKAHEAD.format(20));
        assertEquals("85.0 %", Parameter.POST_FILTER.format(85));
        assertEquals("12.0 dB", Parameter.ATTENUATION_LIMIT.format(12));
        assertEquals("On", Parameter.BYPASS.format(1));
        assertEquals(10, Parameter.LOOKAHEAD.parse("10ms"));
        assertEquals(10, Parameter.LOOKAHEAD.parse("12 ms"), "snapped to the 10 ms grid");
        assertEquals(12, Parameter.ATTENUATION_LIMIT.parse("-12.0 dB"));
        assertEquals(6, Parameter.ATTENUATION_LIMIT.parse("3 dB"), "clamped to the range");
        assertEquals(42.5, Parameter.POST_FILTER.parse(" 42.5 % "));
        assertEquals(1, Parameter.BYPASS.parse("on"));
        for (Parameter p : Parameter.values()) {
            double v = p.clamp(p.min() + 0.37 * (p.max() - p.min()));
            assertEquals(v, p.parse(p.format(v)), 0.05, p.id());
        }
        assertThrows(IllegalArgumentException.class, () -> Parameter.POST_FILTER.parse("loud"));
        assertThrows(IllegalArgumentException.class, () -> Parameter.BYPASS.parse("maybe"));
    }

    @Test
    void normalisedValuesMapOntoTheSteps() {
        assertEquals(0, Parameter.LOOKAHEAD.fromNormalized(0.2));
        assertEquals(10, Parameter.LOOKAHEAD.fromNormalized(0.5));
        assertEquals(20, Parameter.LOOKAHEAD.fromNormalized(1));
        assertEquals(0.5, Parameter.LOOKAHEAD.toNormalized(10));
        assertEquals(53, Parameter.ATTENUATION_LIMIT.fromNormalized(0.5));
        assertEquals(1, Parameter.BYPASS.fromNormalized(0.7));
        assertNull(Parameter.LOOKAHEAD.check(10));
        assertTrue(Parameter.LOOKAHEAD.check(15).contains("0 ms, 10 ms, 20 ms"));
        assertTrue(Parameter.POST_FILTER.check(101).contains("between"));
    }
}
