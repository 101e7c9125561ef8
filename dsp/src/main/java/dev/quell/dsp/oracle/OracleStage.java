package dev.quell.dsp.oracle;

/**
 * How much of the DSP chain an oracle run applies (the article's experiment, ALGORITHM.md
 * "Training targets"): each stage adds one step to the previous.
 */
public enum OracleStage {
    /** Ideal band gains only (34 degrees of freedom; the article: "rough"). */
    GAINS,
    /** Ideal band gains plus the comb (pitch) filter with ideal strengths. */
    COMB,
    /** Gains, comb filter and the full envelope post-filter ("quite close to the clean speech"). */
    POSTFILTER;

    /**
     * Parses a stage name, case-insensitively.
     *
     * @param name gains, comb or postfilter
     * @return the stage
     * @throws IllegalArgumentException for other names
     */
    public static OracleStage parse(String name) {
        for (OracleStage s : values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "' (use gains, comb or postfilter)");
    }
}
