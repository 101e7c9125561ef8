package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.resample.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The training split of the data pack ({@code ../shared/data/manifest.csv}, rows with split
 * "train"): speech, noise and room impulse responses, decoded lazily to 48 kHz and cached as
 * 16-bit samples (the whole pack fits in about 2 GB that way).
 *
 * <p>Dev material (split "dev") is never returned, so the dev set stays held out.
 */
public final class TrainingCorpus {
    /**
     * One file of the pack.
     *
     * @param path absolute path
     * @param kind speech, noise or rir
     * @param corpus corpus folder name
     * @param speaker speaker or noise class
     * @param sourceLimitHz highest frequency the source can contain (band-mask limit)
     * @param seconds duration
     */
    public record Clip(Path path, String kind, String corpus, String speaker, double sourceLimitHz, double seconds) {
    }

    private final List<Clip> speech = new ArrayList<>();
    private final List<Clip> noise = new ArrayList<>();
    private final List<Clip> rirs = new ArrayList<>();
    private final ConcurrentHashMap<Path, short[]> cache = new ConcurrentHashMap<>();

    /**
     * Reads the manifest.
     *
     * @param dataDir the data pack folder (holding manifest.csv)
     * @throws IOException if the manifest cannot be read or is malformed
     */
    public TrainingCorpus(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("manifest.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 10);
            if (f.length < 9) {
                throw new IOException(dataDir.resolve("manifest.csv") + ": malformed row '" + line + "'");
            }
            if (!f[1].equals("train")) {
                continue;
            }
            Clip c = new Clip(dataDir.resolve(f[0]), f[2], f[3], f[4], Double.parseDouble(f[7]), Double.parseDouble(f[8]));
            switch (f[2]) {
                case "speech": speech.add(c); break;
                case "noise":
                    if (!c.speaker().equals("dude_miaowing")) { // a human vocal sound: not noise for us
                        noise.add(c);
                    }
                    break;
                case "rir": rirs.add(c); break;
                default: break;
            }
        }
    }

    /** @return speech clips */
    public List<Clip> speech() {
        return speech;
    }

    /** @return noise clips */
    public List<Clip> noise() {
        return noise;
    }

    /** @return impulse responses */
    public List<Clip> rirs() {
        return rirs;
    }

    /**
     * Decoded samples at 48 kHz, cached.
     *
     * @param clip a clip of this corpus
     * @return samples, full scale 32768
     * @throws IOException if decoding fails
     */
    public short[] samples(Clip clip) throws IOException {
        short[] s = cache.get(clip.path());
        if (s != null) {
            return s;
        }
        float[] x;
        if (clip.path().toString().endsWith(".opus")) {
            x = OpusReader.read(clip.path());
        } else {
            var a = AudioReader.read(clip.path());
            x = Resampler.resample(a.mono(), a.sampleRate(), FrameFormat.SAMPLE_RATE);
        }
        s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768f)));
        }
        cache.put(clip.path(), s);
        return s;
    }

    /**
     * Impulse responses are kept as floats (they are short and need the precision).
     *
     * @param clip an RIR clip
     * @return samples at 48 kHz
     * @throws IOException if decoding fails
     */
    public float[] impulseResponse(Clip clip) throws IOException {
        var a = AudioReader.read(clip.path());
        return Resampler.resample(a.mono(), a.sampleRate(), FrameFormat.SAMPLE_RATE);
    }
}
