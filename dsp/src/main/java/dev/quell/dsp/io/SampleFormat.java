package dev.quell.dsp.io;

/** Sample encodings Quell reads and writes. */
public enum SampleFormat {
    /** 8-bit unsigned integer PCM (read only). */
    PCM_U8(8),
    /** 16-bit signed integer PCM. */
    PCM_16(16),
    /** 24-bit signed integer PCM. */
    PCM_24(24),
    /** 32-bit signed integer PCM. */
    PCM_32(32),
    /** 32-bit IEEE float. */
    FLOAT_32(32),
    /** 64-bit IEEE float (read only). */
    FLOAT_64(64);

    private final int bits;

    SampleFormat(int bits) {
        this.bits = bits;
    }

    /** @return bits per sample */
    public int bits() {
        return bits;
    }

    /** @return true for the formats {@link WavWriter} can write */
    public boolean writable() {
        return this == PCM_16 || this == PCM_24 || this == FLOAT_32;
    }

    /**
     * Parses a user-facing name: "16", "24", "float" (also "pcm16", "pcm24", "f32", "float32").
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException for an unknown name
     */
    public static SampleFormat parseWritable(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "16": case "pcm16": case "s16": return PCM_16;
            case "24": case "pcm24": case "s24": return PCM_24;
            case "float": case "f32": case "float32": case "32f": return FLOAT_32;
            default: throw new IllegalArgumentException("unknown output format '" + name + "' (use 16, 24 or float)");
        }
    }
}
