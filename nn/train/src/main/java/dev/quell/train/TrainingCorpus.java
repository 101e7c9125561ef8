package dev.quell.train;

import dev.quell.dsp.FrameFormat;
import dev.quell.dsp.io.AudioReader;
import dev.quell.dsp.resample.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training split of the data pack ({@code ../shared/data/manifest.csv}, rows with split
 * "train"), and of any further catalogue with the same columns (the Debian audio of
 * {@link DebianAudioCatalogue}): speech, noise, music, key clicks and room impulse responses,
 * decoded lazily to 48 kHz and cached as 16-bit samples, least recently used first out once the
 * cache is full. The cache takes the heap less {@link #HEAP_RESERVE_MB} MB ({@link #cacheBytes}):
 * the pack fits in about 2 GB, the pack with the Debian catalogue's 17 hours of music and
 * ambience in about 8 GB. A miss costs decoding and resampling the whole file (a three-minute
 * track, about a second), which is most of a shard generator's time when the corpus does not fit,
 * so give generators a heap of 10 GB or more.
 *
 * <p>Dev material (split "dev") is never returned, so the dev set stays held out. Rows with split
 * "heldout" and the pack's {@linkplain #isHeldOutVoice held-out voices} form
 * {@link #heldOutSpeech()}: whole voices of other corpora that model v2 never trains on, for its
 * transparency report.
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
     * @param source index of the data folder the clip came from, in the order given (0 = the pack)
     */
    public record Clip(Path path, String kind, String corpus, String speaker, double sourceLimitHz, double seconds,
            int source) {
    }

    private final List<Clip> speech = new ArrayList<>();
    private final List<Clip> trainingSpeech = new ArrayList<>();
    private final List<Clip> heldOut = new ArrayList<>();
    private final List<Clip> noise = new ArrayList<>();
    private final List<Clip> music = new ArrayList<>();
    private final List<Clip> keyClicks = new ArrayList<>();
    private final List<Clip> rirs = new ArrayList<>();
    private final Map<String, List<Clip>> byVoice = new HashMap<>();
    /** Heap left to everything but the decoded-sample cache, MB. */
    public static final int HEAP_RESERVE_MB = 2000;
    /** Smallest decoded-sample cache, MB, whatever the heap. */
    public static final int MIN_CACHE_MB = 256;
    private final LinkedHashMap<Path, short[]> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedSamples;
    private final long cacheSamples = cacheBytes(Runtime.getRuntime().maxMemory()) / Short.BYTES;
    private int sourceCount;

    /**
     * Reads the manifest of one folder.
     *
     * @param dataDir the data pack folder (holding manifest.csv)
     * @throws IOException if the manifest cannot be read or is malformed
     */
    public TrainingCorpus(Path dataDir) throws IOException {
        this(List.of(dataDir));
    }

    /**
     * Reads the manifests of several folders, in order (the data pack first keeps the clip lists
     * of recipes 1 and 2 as they were).
     *
     * @param dataDirs folders each holding a manifest.csv with the data pack's columns
     * @throws IOException if a manifest cannot be read or is malformed
     */
    public TrainingCorpus(List<Path> dataDirs) throws IOException {
        for (int i = 0; i < dataDirs.size(); i++) {
            read(dataDirs.get(i), i);
        }
        sourceCount = dataDirs.size();
    }

    /**
     * Parses a data-folder list as given on a command line: folders separated by the platform's
     * path separator ({@code :} on Linux).
     *
     * @param list e.g. {@code ../shared/data:/work/cache/debian-audio}
     * @return the folders
     */
    public static List<Path> folders(String list) {
        return java.util.Arrays.stream(list.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
    }

    private void read(Path dataDir, int source) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("manifest.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 10);
            if (f.length < 9) {
                throw new IOException(dataDir.resolve("manifest.csv") + ": malformed row '" + line + "'");
            }
            Clip c = new Clip(dataDir.resolve(f[0]), f[2], f[3], f[4], Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                    source);
            if (f[1].equals("heldout") && f[2].equals("speech")) {
                heldOut.add(c);
            }
            if (!f[1].equals("train")) {
                continue;
            }
            switch (f[2]) {
                case "speech":
                    speech.add(c);
                    if (isHeldOutVoice(f[0])) {
                        heldOut.add(c);
                    } else {
                        trainingSpeech.add(c);
                        byVoice.computeIfAbsent(voice(c), k -> new ArrayList<>()).add(c);
                    }
                    break;
                case "noise":
                    if (c.speaker().equals("dude_miaowing")) { // a human vocal sound: not noise for us
                        break;
                    }
                    if (c.speaker().equals("keyboard")) {
                        keyClicks.add(c);
                    } else if (c.speaker().equals("music")) {
                        music.add(c);
                    } else {
                        noise.add(c);
                    }
                    break;
                case "rir": rirs.add(c); break;
                default: break;
            }
        }
    }

    /**
     * Whether a data-pack speech file belongs to a voice held out of model v2's training: LJ
     * Speech chapter 3 of the 44.1 kHz set, and the CMU ARCTIC and VCTK clips of {@code misc}.
     *
     * @param relativePath the manifest's path column
     * @return true for a held-out voice
     */
    public static boolean isHeldOutVoice(String relativePath) {
        return relativePath.startsWith("train/speech/ljspeech44k/LJ003-")
                || relativePath.startsWith("train/speech/misc/cmu_arctic_")
                || relativePath.startsWith("train/speech/misc/vctk_");
    }

    private static String voice(Clip c) {
        return c.corpus() + "/" + c.speaker();
    }

    /** @return speech clips of the train split, held-out voices of the pack included (recipes 1 and 2) */
    public List<Clip> speech() {
        return speech;
    }

    /** @return speech clips of the train split without the held-out voices (recipe 3 on) */
    public List<Clip> trainingSpeech() {
        return trainingSpeech;
    }

    /** @return the held-out voices: catalogue rows with split "heldout" and the pack's {@link #isHeldOutVoice} */
    public List<Clip> heldOutSpeech() {
        return heldOut;
    }

    /**
     * @param c a training speech clip
     * @return the clips of the same voice (corpus and speaker), c included; just c if it is held out
     */
    public List<Clip> sameVoice(Clip c) {
        return byVoice.getOrDefault(voice(c), List.of(c));
    }

    /** @return the number of data folders read (sources of {@link Clip#source()}) */
    public int sourceCount() {
        return sourceCount;
    }

    /**
     * Clips of a list that came from one data folder.
     *
     * @param clips e.g. {@link #trainingSpeech()} or {@link #noise()}
     * @param source a data folder index, 0 to {@link #sourceCount()} - 1
     * @return the clips of that folder, in order; empty if it has none
     */
    public static List<Clip> fromSource(List<Clip> clips, int source) {
        return clips.stream().filter(c -> c.source() == source).toList();
    }

    /** @return noise clips (not music, not key clicks) */
    public List<Clip> noise() {
        return noise;
    }

    /** @return music used as noise (the catalogues' class "music") */
    public List<Clip> music() {
        return music;
    }

    /** @return single key clicks, from which typing noise is built */
    public List<Clip> keyClicks() {
        return keyClicks;
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
        synchronized (cache) {
            short[] s = cache.get(clip.path());
            if (s != null) {
                return s;
            }
        }
        float[] x;
        if (clip.path().toString().endsWith(".opus")) {
            x = OpusReader.read(clip.path());
        } else {
            var a = AudioReader.read(clip.path());
            x = Resampler.resample(a.mono(), a.sampleRate(), FrameFormat.SAMPLE_RATE);
        }
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768f)));
        }
        synchronized (cache) {
            if (cache.put(clip.path(), s) == null) {
                cachedSamples += s.length;
            }
            var it = cache.entrySet().iterator();
            while (cachedSamples > cacheSamples && it.hasNext()) {
                var eldest = it.next();
                if (eldest.getValue() != s) {
                    cachedSamples -= eldest.getValue().length;
                    it.remove();
                }
            }
        }
        return s;
    }

    /**
     * The decoded-sample cache's size for a heap.
     *
     * @param maxHeap the JVM's maximum heap, bytes ({@link Runtime#maxMemory()})
     * @return maxHeap less {@link #HEAP_RESERVE_MB} MB, at least {@link #MIN_CACHE_MB} MB, bytes
     */
    static long cacheBytes(long maxHeap) {
        return Math.max(MIN_CACHE_MB * 1_000_000L, maxHeap - HEAP_RESERVE_MB * 1_000_000L);
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
