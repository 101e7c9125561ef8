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

    static String text(int ok, int failed, double audioSeconds, double processingSeconds) {
        String files = String.format(Locale.ROOT, "enhanced %d file(s)%s: %s of audio", ok,
                failed > 0 ? ", " + failed + " failed" : "", duration(audioSeconds));
        if (audioSeconds <= 0) {
            return files + " (no audio, so no real-time factor)";
        }
        return files + String.format(Locale.ROOT, " in %.1f s of processing (%.1fx real time, real-time factor %.3f;"
                + " model loading excluded)", processingSeconds, audioSeconds / Math.max(processingSeconds, 1e-9),
                processingSeconds / audioSeconds);
    }

    static String settings(Map<Parameter, Double> settings, int latency48, String model, boolean int8) {
        return String.format(Locale.ROOT, "settings: post-filter %s, look-ahead %s, attenuation limit %s (plugin latency "
                        + "%d samples at 48 kHz, removed from the files); %s%s",
                Parameter.POST_FILTER.format(settings.get(Parameter.POST_FILTER)),
                Parameter.LOOKAHEAD.format(settings.get(Parameter.LOOKAHEAD)),
                Parameter.ATTENUATION_LIMIT.format(settings.get(Parameter.ATTENUATION_LIMIT)),
                latency48, model, int8 ? " (int8)" : "");
    }

    static String json(int ok, List<String> failed, double audioSeconds, double processingSeconds,
                       Map<Parameter, Double> settings, int latency48, String model, boolean int8) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enhanced", ok);
        m.put("failed", failed);
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
