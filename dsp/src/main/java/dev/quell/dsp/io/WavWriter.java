package dev.quell.dsp.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes planar float audio as a WAV file in one call, through {@link WavSink} (its doc gives
 * the layout and the conversion of samples): atomic, any channel count, any {@link SampleFormat}.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /**
     * Writes (or replaces) a WAV file atomically.
     *
     * @param file destination
     * @param audio samples (full scale 1.0) and sample rate; {@code audio.format()} is ignored
     * @param format the sample encoding to write
     * @throws IOException if writing fails (the destination is then untouched)
     */
    public static void write(Path file, AudioData audio, SampleFormat format) throws IOException {
        try (WavSink sink = new WavSink(file, audio.sampleRate(), audio.channelCount(), format, true)) {
            sink.write(audio.channels(), 0, audio.frames());
            sink.finish();
        }
    }
}
