package dev.quell.plugin;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread ({@code ThreadMXBean.getThreadAllocatedBytes}), with the
 * probe itself warmed up: when the JIT compiles the probe, the calling thread resolves the string
 * constants of the JDK's {@code ThreadImpl} and allocates them (measured with JFR: 896 bytes at a
 * fixed call count), which would be counted against whatever the test was measuring. The class
 * initialiser calls the probe past the compilation thresholds first.
 */
public final class AllocationProbe {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) {
            THREADS.getThreadAllocatedBytes(id);
        }
    }

    private AllocationProbe() {
    }

    /** @return bytes allocated so far by the calling thread */
    public static long bytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
