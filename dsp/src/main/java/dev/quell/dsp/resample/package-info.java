/** Polyphase sample-rate conversion between host/file rates and the 48 kHz processing rate. */
package dev.quell.dsp.resample;
