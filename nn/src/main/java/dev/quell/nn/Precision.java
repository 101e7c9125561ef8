package dev.quell.nn;

/** Weight precision chosen when a model is loaded. */
public enum Precision {
    /** 32-bit float weights, as trained. */
    FLOAT32,
    /**
     * 8-bit weights with one float scale per output row: w ~ scale_r * q, q in -127..127,
     * scale_r = max_c |w_rc| / 127 (symmetric per-row quantisation). Biases stay float, and so
     * do the weights of a layer that reads the normalised features directly (see
     * {@code LayerBuilder}).
     */
    INT8
}
