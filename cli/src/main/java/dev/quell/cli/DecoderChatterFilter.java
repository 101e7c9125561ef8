package dev.quell.cli;

import java.io.PrintStream;

/**
 * Standard output that drops the lines the FLAC decoder (jflac 1.5.2) prints itself: on a corrupt
 * frame it writes "readResidual elsecase, pEsc = …" with {@code System.out.println}, which would
 * land in the middle of {@code quell enhance --json}'s summary and break a script that parses it.
 * The reader's own warning already names the damaged file, so the decoder's lines carry nothing.
 * Only {@code println(String)} calls made directly from a class of {@code org.jflac} are dropped;
 * everything else passes through unchanged.
 */
final class DecoderChatterFilter extends PrintStream {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final PrintStream out;

    /** @param out the real standard output */
    DecoderChatterFilter(PrintStream out) {
        super(out, true);
        this.out = out;
    }

    @Override
    public void println(String x) {
        Class<?> caller = WALKER.walk(s -> s.skip(1).findFirst().map(StackWalker.StackFrame::getDeclaringClass).orElse(null));
        if (caller != null && caller.getName().startsWith("org.jflac.")) {
            return;
        }
        out.println(x);
    }

    @Override
    public void println(Object x) {
        out.println(x);
    }

    @Override
    public void println() {
        out.println();
    }

    @Override
    public void print(String s) {
        out.print(s);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        out.write(buf, off, len);
    }

    @Override
    public void flush() {
        out.flush();
    }
}
