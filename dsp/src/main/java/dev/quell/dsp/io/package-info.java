/** Audio file I/O (WAV and FLAC in, WAV out) and the location of the developers' data pack. */
package dev.quell.dsp.io;
