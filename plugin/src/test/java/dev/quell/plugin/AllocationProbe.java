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

    /**
     * Bytes the calling thread allocates over {@code calls} runs of {@code body}. The loop lives
     * here, in a class without string constants, because when the JIT compiles a loop (on-stack
     * replacement) the thread resolves every string constant of the loop's class: a measuring
     * loop inside a test class full of assertion messages allocated them inside the measured
     * window (208 bytes in two CI runs of {@code TrackedInputsTest}, then named NoiseFloorInputsTest). {@code body} should be a
     * class of its own for the same reason (a lambda's code is a method of the enclosing class).
     *
     * @param calls number of runs
     * @param body what to run
     * @return bytes allocated during the runs
     */
    public static long during(int calls, Runnable body) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            body.run();
        }
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    /** @return bytes allocated so far by the calling thread */
    public static long bytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
