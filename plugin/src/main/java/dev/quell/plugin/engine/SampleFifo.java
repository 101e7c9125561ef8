package dev.quell.plugin.engine;

/**
 * A fixed-capacity ring buffer of samples, allocation-free after construction. Not thread-safe.
 */
final class SampleFifo {
    private final float[] buf;
    private int read;
    private int size;

    /** @param capacity maximum number of samples held */
    SampleFifo(int capacity) {
        buf = new float[Math.max(1, capacity)];
    }

    int size() {
        return size;
    }

    int capacity() {
        return buf.length;
    }

    void clear() {
        read = 0;
        size = 0;
    }

    /** Appends n samples. @throws IllegalStateException on overflow (a sizing bug) */
    void write(float[] src, int off, int n) {
        if (size + n > buf.length) {
            throw Messages.fifoOverflow(size + n, buf.length);
        }
        int w = (read + size) % buf.length;
        int first = Math.min(n, buf.length - w);
        System.arraycopy(src, off, buf, w, first);
        System.arraycopy(src, off + first, buf, 0, n - first);
        size += n;
    }

    /** Appends n zeros. */
    void writeZeros(int n) {
        if (size + n > buf.length) {
            throw Messages.fifoOverflow(size + n, buf.length);
        }
        int w = (read + size) % buf.length;
        for (int i = 0; i < n; i++) {
            buf[w] = 0f;
            w = w + 1 == buf.length ? 0 : w + 1;
        }
        size += n;
    }

    /** Removes n samples into dst. @throws IllegalStateException on underflow (a sizing bug) */
    void read(float[] dst, int off, int n) {
        if (n > size) {
            throw Messages.fifoUnderflow(n, size);
        }
        int first = Math.min(n, buf.length - read);
        System.arraycopy(buf, read, dst, off, first);
        System.arraycopy(buf, 0, dst, off + first, n - first);
        read = (read + n) % buf.length;
        size -= n;
    }
}
