package dev.quell.dsp.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Reads a FLAC file frame by frame with jflac-codec, in constant memory. The decoder is given only
 * the STREAMINFO block and the frames ({@link FlacMetadata}); tags, pictures and cue sheets are
 * skipped unread. A file that ends early (fewer samples than STREAMINFO declares, or a frame cut
 * off) is read to its last whole frame with a {@link #warning()}. Samples are scaled by 2^-(bits-1); the format reported is the
 * nearest {@link SampleFormat} of the same depth (8-bit FLAC as {@link SampleFormat#PCM_U8}, the
 * WAV encoding of 8 bits).
 */
public final class FlacSource implements AudioSource {
    private final Path file;
    private final InputStream in;
    private final FLACDecoder decoder;
    private final int rate;
    private final int channels;
    private final int bits;
    private final long declared;
    private final float scale;
    private int[][] pending;
    private int pendingPos;
    private int pendingLen;
    private long frames;
    private boolean ended;
    private String problem;

    /**
     * @param file a FLAC file
     * @throws AudioFormatException if the stream header is missing or invalid
     * @throws IOException if reading fails
     */
    public FlacSource(Path file) throws IOException {
        this.file = file;
        FlacMetadata metadata = FlacMetadata.read(file); // jflac sees STREAMINFO and the frames only
        in = new EndOfStreamGuard(new BufferedInputStream(metadata.decoderInput(file), 1 << 16));
        try {
            decoder = new FLACDecoder(in);
            decoder.addFrameListener(new FlacStallGuard(decoder));
            StreamInfo info;
            try {
                decoder.readMetadata();
                info = decoder.getStreamInfo();
            } catch (IOException | RuntimeException e) {
                throw new AudioFormatException(file, "corrupt FLAC header (" + e + ")", e);
            }
            if (info == null) {
                throw new AudioFormatException(file, "FLAC file has no STREAMINFO block");
            }
            if (info.getChannels() < 1 || info.getSampleRate() <= 0) {
                throw new AudioFormatException(file, "invalid FLAC STREAMINFO");
            }
            rate = info.getSampleRate();
            channels = info.getChannels();
            bits = info.getBitsPerSample();
            declared = info.getTotalSamples() > 0 ? info.getTotalSamples() : -1;
            scale = 1f / (1L << (bits - 1));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public int sampleRate() {
        return rate;
    }

    @Override
    public int channelCount() {
        return channels;
    }

    @Override
    public SampleFormat format() {
        return bits <= 8 ? SampleFormat.PCM_U8 : bits <= 16 ? SampleFormat.PCM_16
                : bits <= 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_32;
    }

    /** @return the FLAC stream's bits per sample (4..32) */
    public int bitsPerSample() {
        return bits;
    }

    @Override
    public long declaredFrames() {
        return declared;
    }

    @Override
    public long framesRead() {
        return frames;
    }

    @Override
    public String warning() {
        if (!ended) {
            return null;
        }
        String read = "read " + frames + " frames (" + String.format(java.util.Locale.ROOT, "%.1f", (double) frames / rate) + " s)";
        if (problem != null) {
            return problem + "; " + read;
        }
        if (declared > 0 && frames < declared) {
            return "truncated: STREAMINFO declares " + declared + " samples; " + read;
        }
        return null;
    }

    @Override
    public int read(float[][] out, int offset, int max) throws IOException {
        if (pendingPos >= pendingLen && !nextFrame()) {
            ended = true;
            return 0;
        }
        int n = Math.min(max, pendingLen - pendingPos);
        for (int c = 0; c < channels; c++) {
            int[] s = pending[c];
            for (int i = 0; i < n; i++) {
                out[c][offset + i] = s[pendingPos + i] * scale;
            }
        }
        pendingPos += n;
        frames += n;
        return n;
    }

    private boolean nextFrame() {
        if (problem != null) {
            return false;
        }
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.io.UncheckedIOException ? e.getCause().getMessage() : e.getClass().getSimpleName();
            problem = "corrupt or truncated FLAC frame after " + frames + " frames (" + why + ")";
            return false;
        }
        if (frame == null) {
            if (decoder.getBadFrames() > 0) {
                problem = decoder.getBadFrames() + " corrupt FLAC frame(s) skipped";
            }
            return false;
        }
        int block = frame.header.blockSize;
        ChannelData[] data = decoder.getChannelData();
        if (frame.header.channels != channels || !holds(data, block)) {
            // jflac decodes a frame whose header disagrees with STREAMINFO into arrays of the wrong shape
            problem = "FLAC frame after " + frames + " frames has " + frame.header.channels + " channel(s) of "
                    + block + " samples, the stream " + channels + " channel(s)";
            return false;
        }
        if (pending == null || pending[0].length < block) {
            pending = new int[channels][Math.max(block, 4608)];
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(data[c].getOutput(), 0, pending[c], 0, block);
        }
        pendingPos = 0;
        pendingLen = block;
        return true;
    }

    private boolean holds(ChannelData[] data, int block) {
        if (block <= 0 || data == null || data.length < channels) {
            return false;
        }
        for (int c = 0; c < channels; c++) {
            if (data[c] == null || data[c].getOutput() == null || data[c].getOutput().length < block) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
