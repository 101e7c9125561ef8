/**
 * The enhancer's signal processing at 48 kHz, one class per stage of ALGORITHM.md:
 * {@link dev.quell.dsp.Stft} (1), {@link dev.quell.dsp.ErbBands} (2),
 * {@link dev.quell.dsp.PitchSearch} and {@link dev.quell.dsp.PitchTracker} (3),
 * {@link dev.quell.dsp.CombFilter} (4), {@link dev.quell.dsp.Coherence} (5),
 * {@link dev.quell.dsp.Features} (6), {@link dev.quell.dsp.PitchMix} (8),
 * {@link dev.quell.dsp.PostFilter} (9), {@link dev.quell.dsp.OracleTargets} (training targets),
 * and {@link dev.quell.dsp.FrameChain}, the per-frame recipe that strings them together.
 * Per-frame code allocates nothing after construction; file I/O lives in {@code dsp.io}.
 */
package dev.quell.dsp;
