package dev.quell.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.plugin.engine.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closing lines of {@code quell enhance}: files, audio duration and speed, then the settings.
 * The real-time factor is processing time over audio duration, with the processing time counted
 * per file from its first read to its completed output: loading the model and preparing the
 * engines are left out (and said to be). With no audio at all there is no factor to give.
 */
final class Summary {
    private Summary() {
    }

    static String text(int ok, int failed, int damaged, double audioSeconds, double processingSeconds) {
        String files = String.format(Locale.ROOT, "enhanced %d file(s)%s%s: %s of audio", ok,
                damaged > 0 ? " (" + damaged + " from damaged input)" : "",
                failed > 0 ? ", " + failed + " failed" : "", duration(audioSeconds));
        if (audioSeconds <= 0) {
            return files + " (no audio, so no real-time factor)";
        }
        return files + String.format(Locale.ROOT, " in %.1f s of processing (%.1fx real time, real-time factor %.3f;"
                + " model loading excluded)", processingSeconds, audioSeconds / Math.max(processingSeconds, 1e-9),
                processingSeconds / audioSeconds);
    }

    /**
     * The batch's closing error line, or null when every file was whole and enhanced. A damaged
     * input (data shorter than its header declares, corrupt FLAC frames) is enhanced as far as it
     * goes, with a warning naming it, and still makes the exit code 1, so that a script notices
     * (the fuzzing issue: a file declaring 4 GiB in 1 kB exits 1; the batch issue: such a file is
     * read to its end, as sox and libsndfile do).
     *
     * @param files files in the batch
     * @param failed files skipped with an error
     * @param damaged files enhanced from damaged input
     * @return "N of M file(s) failed", "N of M file(s) damaged (enhanced as far as they go)", both, or null
     */
    static String problems(int files, int failed, int damaged) {
        if (failed == 0 && damaged == 0) {
            return null;
        }
        String f = failed > 0 ? failed + " of " + files + " file(s) failed" : null;
        String d = damaged > 0 ? damaged + " of " + files + " file(s) damaged (enhanced as far as they go)" : null;
        return f == null ? d : d == null ? f : f + ", " + d;
    }

    static String settings(Map<Parameter, Double> settings, int latency48, String model, boolean int8) {
        return String.format(Locale.ROOT, "settings: post-filter %s, look-ahead %s, attenuation limit %s (plugin latency "
                        + "%d samples at 48 kHz, removed from the files); %s%s",
                Parameter.POST_FILTER.format(settings.get(Parameter.POST_FILTER)),
                Parameter.LOOKAHEAD.format(settings.get(Parameter.LOOKAHEAD)),
                Parameter.ATTENUATION_LIMIT.format(settings.get(Parameter.ATTENUATION_LIMIT)),
                latency48, model, int8 ? " (int8)" : "");
    }

    static String json(int ok, List<String> failed, List<String> damaged, double audioSeconds, double processingSeconds,
                       Map<Parameter, Double> settings, int latency48, String model, boolean int8) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enhanced", ok);
        m.put("failed", failed);
        m.put("damaged", damaged);
        m.put("audio_seconds", audioSeconds);
        m.put("processing_seconds", processingSeconds);
        m.put("real_time_factor", audioSeconds > 0 ? processingSeconds / audioSeconds : null);
        m.put("post_filter_pct", settings.get(Parameter.POST_FILTER));
        m.put("lookahead_ms", settings.get(Parameter.LOOKAHEAD));
        m.put("attenuation_limit_db", settings.get(Parameter.ATTENUATION_LIMIT));
        m.put("latency_samples_48k", latency48);
        m.put("model", model);
        m.put("int8", int8);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long m = (long) (s / 60);
        return String.format(Locale.ROOT, "%d min %.1f s", m, s - 60 * m);
    }
}
