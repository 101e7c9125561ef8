package dev.quell.plugin.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target (Jazzer) for the plugin state a host hands over ({@link EngineState#read}, what
 * {@link QuellEngine#loadState} runs): any bytes give the values of a valid state (in range, on the
 * step grid) or a {@link EngineState.StateException} with a one-line reason; nothing else escapes.
 * Seeds: resources {@code EngineStateFuzzTestInputs/}. The C reader of the same rules has its own
 * libFuzzer target ({@code native/fuzz}).
 */
class EngineStateFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAValidStateOrAOneLineReason(byte[] bytes) {
        try {
            double[] v = EngineState.read(bytes);
            for (Parameter p : Parameter.values()) {
                if (p.check(v[p.ordinal()]) != null) {
                    throw new AssertionError(p.id() + " = " + v[p.ordinal()] + " accepted: " + p.check(v[p.ordinal()]));
                }
            }
        } catch (EngineState.StateException e) {
            if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                throw new AssertionError("not a one-line reason: " + e.getMessage(), e);
            }
        }
    }
}
