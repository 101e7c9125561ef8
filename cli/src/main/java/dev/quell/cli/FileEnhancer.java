package dev.quell.cli;

import dev.quell.dsp.io.AudioSink;
import dev.quell.dsp.io.AudioSource;
import dev.quell.dsp.io.FlacSink;
import dev.quell.dsp.io.SampleFormat;
import dev.quell.dsp.io.WavSink;
import dev.quell.plugin.engine.AlignedStream;
import dev.quell.plugin.engine.EngineModels;
import dev.quell.plugin.engine.OfflineRenderer;
import dev.quell.plugin.engine.Parameter;
import dev.quell.plugin.engine.QuellEngine;
import dev.quell.plugin.engine.ResampledStreamRenderer;
import dev.quell.plugin.engine.StreamRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Enhances one file for {@code quell enhance}: reader, engine and writer in chunks of
 * {@value #CHUNK} frames, so memory stays constant whatever the length. The output has the
 * input's rate, channel count and length, time-aligned, in the container its name asks for (WAV,
 * or FLAC for {@code .flac}) and the input's sample format unless told otherwise (FLAC holds at
 * most 24 bits: 32-bit and float become 24-bit there).
 *
 * <p>Mono and stereo run through one engine (stereo linked); more channels are each enhanced
 * alone. A rate the engine does not run ({@link QuellEngine#supportsRate}: below 8 or above 384 kHz) is
 * converted to 48 kHz and back chunk by chunk ({@link ResampledStreamRenderer}), also in constant
 * memory.
 */
final class FileEnhancer {
    /** Frames read, enhanced and written per step. */
    static final int CHUNK = 65_536;
    private final EngineModels models;
    private final Map<Parameter, Double> settings;
    private final int block;
    private final SampleFormat fixedFormat;
    private final Map<String, QuellEngine[]> engines = new HashMap<>();

    /** What one file took. */
    record Result(double audioSeconds, double processingSeconds, String warning) {
    }

    FileEnhancer(EngineModels models, Map<Parameter, Double> settings, int block, SampleFormat fixedFormat) {
        this.models = models;
        this.settings = settings;
        this.block = block;
        this.fixedFormat = fixedFormat;
    }

    /**
     * @param job input and output
     * @param progress told the fraction 0..1 of the input done (may be called often)
     * @return the audio duration, the time spent, and the reader's warning (or null)
     * @throws IOException if the input cannot be read or the output written (nothing is left behind)
     * @throws RuntimeException on a failure inside Quell or a library (nothing is left behind, and
     *     the engines are built afresh for the next file)
     */
    Result enhance(OutputPlan.Job job, DoubleConsumer progress) throws IOException {
        try {
            return enhanceOnce(job, progress);
        } catch (RuntimeException e) {
            engines.clear(); // their state is unknown after an unchecked failure mid-file
            throw e;
        }
    }

    private Result enhanceOnce(OutputPlan.Job job, DoubleConsumer progress) throws IOException {
        try (AudioSource src = AudioSource.open(job.in())) {
            int rate = src.sampleRate();
            int ch = src.channelCount();
            // engines are built and prepared before the clock starts: warm-up is not processing
            QuellEngine[] es = engines(OfflineRenderer.engineRate(rate), ch);
            long t0 = System.nanoTime();
            SampleFormat fmt = fixedFormat != null ? fixedFormat : src.format();
            try (AudioSink sink = openSink(job.out(), rate, ch, fmt)) {
                AlignedStream r = QuellEngine.supportsRate(rate)
                        ? new StreamRenderer(es, ch, block)
                        : new ResampledStreamRenderer(es, ch, block, rate, CHUNK);
                stream(r, src, sink, progress);
                sink.finish();
            }
            return new Result((double) src.framesRead() / rate, (System.nanoTime() - t0) / 1e9, src.warning());
        }
    }

    private static void stream(AlignedStream r, AudioSource src, AudioSink sink, DoubleConsumer progress)
            throws IOException {
        int ch = src.channelCount();
        float[][] in = new float[ch][CHUNK];
        float[][] out = new float[ch][Math.max(r.maxOutput(CHUNK), r.maxOutput(0))];
        long declared = src.declaredFrames();
        int n;
        while ((n = src.read(in, 0, CHUNK)) > 0) {
            sink.write(out, 0, r.process(in, 0, n, out));
            if (declared > 0) {
                progress.accept(Math.min(1.0, (double) src.framesRead() / declared));
            }
        }
        sink.write(out, 0, r.finish(out));
    }

    /** One engine for 1-2 channels, else one mono engine per channel; kept per rate and layout. */
    private QuellEngine[] engines(int rate, int channels) {
        return engines.computeIfAbsent(rate + "/" + channels, k -> {
            int count = channels <= 2 ? 1 : channels;
            QuellEngine[] es = new QuellEngine[count];
            for (int i = 0; i < count; i++) {
                es[i] = new QuellEngine(models);
                settings.forEach(es[i]::setParameter);
                es[i].prepare(rate, block, channels <= 2 ? channels : 1);
            }
            return es;
        });
    }

    /** The output file: FLAC for a name ending in .flac, else WAV. */
    private static AudioSink openSink(Path out, int rate, int channels, SampleFormat fmt) throws IOException {
        if (OutputPlan.isFlac(out)) {
            if (channels > 8) {
                throw new CliException(channels + " channels do not fit in FLAC (at most 8); write .wav");
            }
            return new FlacSink(out, rate, channels, FlacSink.bitsFor(fmt), true);
        }
        return new WavSink(out, rate, channels, fmt, true);
    }
}
