package dev.quell.dsp.io;

/** Sample encodings Quell reads and writes. */
public enum SampleFormat {
    /** 8-bit unsigned integer PCM. */
    PCM_U8(8),
    /** 16-bit signed integer PCM. */
    PCM_16(16),
    /** 24-bit signed integer PCM. */
    PCM_24(24),
    /** 32-bit signed integer PCM. */
    PCM_32(32),
    /** 32-bit IEEE float. */
    FLOAT_32(32),
    /** 64-bit IEEE float. */
    FLOAT_64(64);

    private final int bits;

    SampleFormat(int bits) {
        this.bits = bits;
    }

    /** @return bits per sample */
    public int bits() {
        return bits;
    }

    /** @return true for the formats {@link WavWriter} can write: all of them */
    public boolean writable() {
        return true;
    }

    /**
     * Parses a user-facing name: "8", "16", "24", "32", "float", "float64" (also "pcm16", "pcm24",
     * "f32", "float32", "f64", "double").
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException for an unknown name
     */
    public static SampleFormat parseWritable(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "8": case "u8": case "pcm8": return PCM_U8;
            case "16": case "pcm16": case "s16": return PCM_16;
            case "24": case "pcm24": case "s24": return PCM_24;
            case "32": case "pcm32": case "s32": return PCM_32;
            case "float": case "f32": case "float32": case "32f": return FLOAT_32;
            case "float64": case "f64": case "double": case "64f": return FLOAT_64;
            default: throw new IllegalArgumentException("unknown output format '" + name
                    + "' (use 8, 16, 24, 32, float or float64)");
        }
    }
}
