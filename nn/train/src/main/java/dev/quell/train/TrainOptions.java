package dev.quell.train;

import dev.quell.dsp.NetworkInputs;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code key=value} options of {@link Train} (the class doc there lists their meaning),
 * parsed once.
 *
 * @param lookahead look-ahead of the network and the shards, frames
 * @param batch examples per step
 * @param lr Adam learning rate at the run's first step
 * @param lrFinal learning rate at its last step, reached by cosine decay from {@code lr}; equal to
 *     {@code lr} for a fixed rate (the default)
 * @param every checkpoint interval, steps
 * @param minutes stop after this wall time, minutes
 * @param mixLookahead whether a quarter of the batches each run at 1 and 0 frames of look-ahead
 * @param loss weights of the optional loss terms; an SNR-head weight above 0 also gives the network the SNR head
 * @param keepFrom from this step on every checkpoint is also kept as {@code ckpt-STEP.params}
 * @param maxSnr examples above this estimated SNR (dB) are drawn a quarter as often
 * @param level level augmentation, or null
 * @param inputs network inputs per frame (70, 104 with noise-floor inputs, or 138 with modulation inputs too)
 * @param gru GRU state size, or 0 for that of the checkpoint
 * @param average checkpoints to average instead of resuming (empty: resume)
 * @param dev paired dev folder for the dev loss, or null
 * @param golden file for golden sequences at the end, or null
 * @param musicPause the heavier pause term of loud-music examples ({@code musicpause}), or null
 * @param musicSpeech the heavier speech-cut terms of loud-music examples ({@code musicspeech}), or null
 */
record TrainOptions(int lookahead, int batch, float lr, float lrFinal, int every, double minutes, boolean mixLookahead,
                    LossWeights loss, int keepFrom, double maxSnr, LevelShift level, int inputs,
                    int gru, List<Path> average, Path dev, String golden, LoudMusicFactor musicPause,
                    LoudMusicFactor musicSpeech) {
    /** Checks the learning rates; {@link #parse} documents the errors. */
    TrainOptions {
        if (!(lr > 0f && Float.isFinite(lr)) || !(lrFinal > 0f && lrFinal <= lr)) {
            throw new IllegalArgumentException("learning rates must be finite and above 0, the final one at most"
                    + " the first (lr=" + lr + ", lrfinal=" + lrFinal + ")");
        }
    }

    /** Each option {@link #parse} knows as the usage line shows it: key=default or key=PLACEHOLDER. */
    private static final List<String> SYNTAX = List.of("lookahead=2", "batch=16", "lr=1e-3", "lrfinal=LR",
            "checkpoint=100", "minutes=M", "golden=FILE", "dev=DIR", "mixlookahead=true", "average=CKPT,CKPT...",
            "sdr=WEIGHT", "overatt=WEIGHT", "snr=WEIGHT", "pause=WEIGHT", "weak=WEIGHT", "leak=WEIGHT",
            "musicpause=FACTOR@FROM-TO", "musicspeech=FACTOR@FROM-TO", "keep=FROM_STEP",
            "maxsnr=DB", "level=LO,HI", "noisefloor=true", "modulation=true", "gru=SIZE");
    /** The option keys {@link #parse} knows, in the order of the usage line. */
    static final List<String> KEYS = SYNTAX.stream().map(o -> o.substring(0, o.indexOf('='))).toList();

    /** @return the options for a usage line, each in brackets, separated by spaces */
    static String usage() {
        return "[" + String.join("] [", SYNTAX) + "]";
    }

    /**
     * @param opt the options as given
     * @return the parsed options, defaults filled in
     * @throws NumberFormatException for a malformed number
     * @throws IllegalArgumentException for an unknown key (a misspelt weight would otherwise train
     *     without its term), a negative or non-finite loss weight, or a learning rate (lr, lrfinal)
     *     that is not finite and above 0, or a final one above the first, or a malformed {@code musicpause}
     *     or {@code musicspeech}
     */
    static TrainOptions parse(Map<String, String> opt) {
        for (String key : opt.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option " + key + " (known: " + String.join(", ", KEYS) + ")");
            }
        }
        float lr = Float.parseFloat(opt.getOrDefault("lr", "1e-3"));
        return new TrainOptions(
                Integer.parseInt(opt.getOrDefault("lookahead", "2")),
                Integer.parseInt(opt.getOrDefault("batch", "16")),
                lr,
                opt.containsKey("lrfinal") ? Float.parseFloat(opt.get("lrfinal")) : lr,
                Integer.parseInt(opt.getOrDefault("checkpoint", "100")),
                Double.parseDouble(opt.getOrDefault("minutes", "1e9")),
                Boolean.parseBoolean(opt.getOrDefault("mixlookahead", "false")),
                new LossWeights(
                        Float.parseFloat(opt.getOrDefault("sdr", "0")),
                        Float.parseFloat(opt.getOrDefault("overatt", "0")),
                        Float.parseFloat(opt.getOrDefault("snr", "0")),
                        Float.parseFloat(opt.getOrDefault("pause", "0")),
                        Float.parseFloat(opt.getOrDefault("weak", "0")),
                        Float.parseFloat(opt.getOrDefault("leak", "0"))),
                Integer.parseInt(opt.getOrDefault("keep", String.valueOf(Integer.MAX_VALUE))),
                Double.parseDouble(opt.getOrDefault("maxsnr", "Infinity")),
                opt.containsKey("level") ? LevelShift.parse(opt.get("level")) : null,
                inputs(opt),
                Integer.parseInt(opt.getOrDefault("gru", "0")),
                opt.containsKey("average") ? Stream.of(opt.get("average").split(",")).map(Paths::get).toList() : List.of(),
                opt.containsKey("dev") ? Paths.get(opt.get("dev")) : null,
                opt.get("golden"),
                musicRule(opt, "musicpause"),
                musicRule(opt, "musicspeech"));
    }

    private static LoudMusicFactor musicRule(Map<String, String> opt, String key) {
        return opt.containsKey(key) ? LoudMusicFactor.parse(key, opt.get(key)) : null;
    }

    /** The input layout: modulation=true (which implies the noise floor), noisefloor=true, or plain. */
    private static int inputs(Map<String, String> opt) {
        if (Boolean.parseBoolean(opt.getOrDefault("modulation", "false"))) {
            return NetworkInputs.WITH_MODULATION;
        }
        return Boolean.parseBoolean(opt.getOrDefault("noisefloor", "false")) ? NetworkInputs.WITH_NOISE_FLOOR
                : NetworkInputs.PLAIN;
    }

    /** @return whether batches need the noisy band energies (signal-domain term, SNR head or SNR filter) */
    boolean needsEnergies() {
        return needsEnergyLabels() || maxSnr < Double.POSITIVE_INFINITY;
    }

    /** @return whether the loss needs the noisy band energies as labels ({@link LossWeights#needEnergies()}) */
    boolean needsEnergyLabels() {
        return loss.needEnergies();
    }
}
