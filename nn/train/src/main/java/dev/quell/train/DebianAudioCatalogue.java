package dev.quell.train;

import dev.quell.dsp.io.AudioData;
import dev.quell.dsp.io.AudioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Catalogues the audio that {@code nn/train/fetch-debian-audio.sh} took from Debian's packages
 * ({@code CACHE/audio/PACKAGE/...flac}) into {@code CACHE/manifest.csv}, with the columns of the
 * data pack's manifest, so that {@link TrainingCorpus} reads both alike.
 *
 * <p>Per file: voice or noise class from the package's layout, the measured bandwidth
 * ({@link BandwidthProbe}), and the band limit the training masks use:
 * {@code source_limit_hz} = min(rate / 2, the LTAS edge rounded up to 250 Hz), so a file is a
 * fullband target only if its spectrum reaches above 12 kHz, and otherwise joins the tier of its
 * real bandwidth (model-v2 issue, item 1). Speech below 16 kHz sampling or with an edge below
 * 5 kHz is dropped (DATA-SOURCES.md: the Tux Paint clips recorded at 8 kHz), as are clips under 0.3 s.
 * Whole voices listed in {@link #HELD_OUT} get split {@code heldout}: never trained on, kept for
 * the transparency test on voices from other corpora.
 */
public final class DebianAudioCatalogue {
    /** Voices never trained on (split {@code heldout}): the corpus-voice names of this catalogue. */
    public static final Set<String> HELD_OUT = Set.of("tuxpaint-el", "tuxpaint-be");

    private static final Map<String, String> LICENCES = Map.ofEntries(
            Map.entry("ufoai-music", "GPL-2+ (licences/ufoai-music.copyright)"),
            Map.entry("supertux-data", "GPL-2+ (licences/supertux-data.copyright)"),
            Map.entry("supertuxkart-data", "CC BY-SA 3.0 / 4.0 or GPL per file (licences/supertuxkart-data.copyright)"),
            Map.entry("freedroidrpg-data", "GPL-2+ (licences/freedroidrpg-data.copyright)"),
            Map.entry("widelands-data", "GPL-2+ or CC BY-SA 3.0 per file (licences/widelands-data.copyright)"),
            Map.entry("megaglest-data", "CC BY-SA 3.0 (licences/megaglest-data.copyright)"),
            Map.entry("tuxpaint-stamps-default", "GPL-2 (licences/tuxpaint-stamps-default.copyright)"),
            Map.entry("klettres-data", "GPL-2+ (licences/klettres-data.copyright)"),
            Map.entry("ktuberling-data", "GPL-2+ or per-file CC BY / CC0 (licences/ktuberling-data.copyright)"),
            Map.entry("fillets-ng-data-cs", "GPL-2+ (licences/fillets-ng-data-cs.copyright)"),
            Map.entry("bucklespring-data", "GPL-2+ (licences/bucklespring-data.copyright)"),
            Map.entry("warzone2100-music", "GPL-2+ (licences/warzone2100-music.copyright)"),
            Map.entry("wesnoth-1.16-music", "GPL-2+ (licences/wesnoth-1.16-music.copyright)"),
            Map.entry("hedgewars-data", "GFDL-1.3 / CC BY-SA 3.0 (licences/hedgewars-data.copyright)"),
            Map.entry("0ad-data", "CC BY-SA 3.0 (licences/0ad-data.copyright)"));
    private static final Set<String> SPEECH = Set.of("tuxpaint-stamps-default", "klettres-data", "ktuberling-data",
            "fillets-ng-data-cs");
    private static final Pattern TUXPAINT = Pattern.compile("_desc_([A-Za-z_]+)\\.flac$");
    private static final Pattern KDE_LANG = Pattern.compile("/(?:klettres|sounds)/([^/]+)/");
    private static final Pattern FILLETS = Pattern.compile("/cs/[^-/]+-([^-/]+)-[^/]*\\.flac$");

    /**
     * One catalogued file.
     *
     * @param row the manifest row, without line end
     * @param kept false for a file the rules drop
     */
    record Entry(String row, boolean kept) {
    }

    private DebianAudioCatalogue() {
    }

    /**
     * Writes {@code CACHE/manifest.csv} (replaced atomically) and prints a summary per corpus.
     *
     * @param args {@code CACHE}: the folder given to the fetch script
     * @throws IOException if a file cannot be read or the manifest written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DebianAudioCatalogue CACHE");
            System.exit(2);
        }
        Path cache = Path.of(args[0]).toAbsolutePath();
        Path audio = cache.resolve("audio");
        List<Path> files;
        try (Stream<Path> s = Files.walk(audio)) {
            files = s.filter(p -> p.toString().endsWith(".flac") && !p.toString().contains(".tmp.")).sorted().toList();
        }
        List<String> rows = new ArrayList<>();
        rows.add("path,split,kind,corpus,speaker_or_class,original_rate_hz,bandwidth_hz,source_limit_hz,duration_s,licence");
        Map<String, double[]> hours = new java.util.TreeMap<>();
        for (Path f : files) {
            String rel = cache.relativize(f).toString();
            String pkg = audio.relativize(f).getName(0).toString();
            AudioData a;
            try {
                a = AudioReader.read(f);
            } catch (IOException e) {
                System.err.println("warning: " + f + ": " + e.getMessage() + " (skipped)");
                continue;
            }
            Entry e = entry(rel, pkg, a);
            String[] c = e.row().split(",", 10);
            double[] h = hours.computeIfAbsent(c[2] + " " + c[3] + " " + c[1], k -> new double[3]);
            h[e.kept() ? 0 : 1] += a.seconds() / 3600;
            if (e.kept() && Double.parseDouble(c[7]) > 12_000) {
                h[2] += a.seconds() / 3600;
            }
            if (e.kept()) {
                rows.add(e.row());
            }
        }
        Path tmp = cache.resolve("manifest.csv.tmp");
        Files.write(tmp, rows, StandardCharsets.UTF_8);
        Files.move(tmp, cache.resolve("manifest.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("kind corpus split: hours kept / dropped / fullband (edge > 12 kHz)");
        hours.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s: %.2f / %.2f / %.2f%n", k, v[0], v[1], v[2]));
        System.out.println((rows.size() - 1) + " files in " + cache.resolve("manifest.csv"));
    }

    /** The manifest row of one file and whether the rules keep it. */
    static Entry entry(String rel, String pkg, AudioData a) {
        BandwidthProbe.Bandwidth bw = BandwidthProbe.measure(a.mono(), a.sampleRate());
        double limit = Math.min(a.sampleRate() / 2.0, Math.ceil(bw.edgeHz() / 250) * 250);
        boolean speech = SPEECH.contains(pkg);
        String corpus = pkg.replaceFirst("-(stamps-default|data-cs|data|music|1\\.16-music)$", "");
        String who = speech ? voice(pkg, rel) : noiseClass(pkg, rel);
        boolean kept = a.seconds() >= (speech ? 0.3 : 0.05) && bw.edgeHz() > 0
                && (!speech || (a.sampleRate() >= 16_000 && bw.edgeHz() >= 5000));
        String split = HELD_OUT.contains(who) ? "heldout" : "train";
        String row = String.join(",", rel.replace(',', '_'), split, speech ? "speech" : "noise", corpus, who,
                Integer.toString(a.sampleRate()), Long.toString(Math.round(bw.energy99Hz())),
                Long.toString(Math.round(limit)), String.format(Locale.ROOT, "%.3f", a.seconds()),
                LICENCES.getOrDefault(pkg, "see licences/" + pkg + ".copyright"));
        return new Entry(row, kept);
    }

    /** Voice name: corpus and language (or Fillets character). */
    static String voice(String pkg, String rel) {
        Matcher m;
        switch (pkg) {
            case "tuxpaint-stamps-default":
                m = TUXPAINT.matcher(rel);
                return "tuxpaint-" + (m.find() ? m.group(1) : "unknown");
            case "klettres-data":
            case "ktuberling-data":
                m = KDE_LANG.matcher(rel);
                return (pkg.startsWith("k") ? pkg.substring(0, pkg.indexOf('-')) : pkg) + "-" + (m.find() ? m.group(1) : "unknown");
            case "fillets-ng-data-cs":
                m = FILLETS.matcher(rel);
                return "fillets-" + (m.find() ? m.group(1) : "unknown");
            default:
                return pkg;
        }
    }

    /** Noise class: music, keyboard, or 0 A.D.'s ambience and foley folders. */
    static String noiseClass(String pkg, String rel) {
        if (pkg.equals("bucklespring-data")) {
            return "keyboard";
        }
        if (pkg.equals("0ad-data")) {
            if (rel.contains("/audio/ambient/")) {
                return "ambient";
            }
            if (rel.contains("/audio/music/")) {
                return "music";
            }
            return "foley";
        }
        return "music";
    }
}
