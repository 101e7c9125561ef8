/** Oracle mode: the DSP chain driven by ideal gains and strengths from the clean signal. */
package dev.quell.dsp.oracle;
