package dev.quell.validation.cli;

import dev.quell.dsp.oracle.OracleStage;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.validation.report.EvalResults;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One row of the evaluation report: what produced the signal that is scored against the clean
 * file. The label is for display only; code decides by {@link #kind()}.
 *
 * @param kind what the signal is
 * @param label the row's name in the report
 * @param lookaheadMs the engine's look-ahead (QUELL and QUELL_ON_CLEAN), else 0
 * @param models the network (QUELL and QUELL_ON_CLEAN), else null
 * @param stage the oracle stage (ORACLE), else null
 * @param dir the folder of finished outputs (ENHANCED and PEER), else null
 * @param drawn whether the spectrogram figures show this row
 */
record EvalCondition(Kind kind, String label, int lookaheadMs, EngineModels models, OracleStage stage, Path dir,
        boolean drawn) {

    /** What a condition's signal is. */
    enum Kind {
        /** the noisy input itself */
        NOISY,
        /** finished outputs given with --enhanced */
        ENHANCED,
        /** the noisy file through the plugin engine */
        QUELL,
        /** the clean file through the plugin engine: the transparency ("do no harm") row */
        QUELL_ON_CLEAN,
        /** ideal gains from the clean file through the DSP chain */
        ORACLE,
        /** another system's outputs given with --peer */
        PEER
    }

    static EvalCondition noisy() {
        return new EvalCondition(Kind.NOISY, EvalResults.NOISY, 0, null, null, null, true);
    }

    static EvalCondition enhanced(Path dir) {
        return new EvalCondition(Kind.ENHANCED, "enhanced", 0, null, null, dir, true);
    }

    static EvalCondition quell(EngineModels models, int lookaheadMs, boolean int8, boolean drawn) {
        return new EvalCondition(Kind.QUELL, EvalResults.QUELL + lookaheadMs + " ms" + (int8 ? " int8" : ""), lookaheadMs,
                models, null, null, drawn);
    }

    static EvalCondition quellOnClean(EngineModels models, int lookaheadMs) {
        return new EvalCondition(Kind.QUELL_ON_CLEAN, EvalResults.QUELL + lookaheadMs + " ms" + EvalResults.ON_CLEAN_INPUT, lookaheadMs,
                models, null, null, false);
    }

    static EvalCondition oracle(OracleStage stage) {
        return new EvalCondition(Kind.ORACLE, stage == OracleStage.POSTFILTER ? "oracle"
                : "oracle " + stage.name().toLowerCase(Locale.ROOT), 0, null, stage, null, false);
    }

    static EvalCondition peer(String name, Path dir) {
        return new EvalCondition(Kind.PEER, name, 0, null, null, dir, false);
    }
}
