package dev.quell.plugin.nativebridge;

import dev.quell.plugin.engine.JitStringConstants;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Child-JVM probe for {@link NativeBridgeTest}: the bytes the calling thread allocates in 60,000
 * bulk copies between a direct float buffer and an array (what {@code NativeBridge.process} does
 * per channel), not counting the first call. Run in a fresh JVM, since the point is the first C2
 * submission of the JDK's direct-buffer code, which only happens once per JVM. Argument
 * {@code interned} calls {@link JitStringConstants#ensureInterned()} first, {@code plain} does
 * not. Prints one line: {@code allocated BYTES}.
 */
public final class DirectBufferCopyProbe {
    private DirectBufferCopyProbe() {
    }

    /** @param args {@code interned} or {@code plain} */
    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) {
            threads.getThreadAllocatedBytes(id); // the probe itself past its C2 compilation
        }
        if (args[0].equals("interned")) {
            JitStringConstants.ensureInterned();
        }
        FloatBuffer buffer = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] samples = new float[512];
        long allocated = 0;
        for (int k = 0; k < 60_000; k++) {
            long before = threads.getThreadAllocatedBytes(id);
            buffer.get(k % 64, samples, 0, 7 + k % 300);
            buffer.put(k % 64, samples, 0, 7 + k % 300);
            allocated += k == 0 ? 0 : threads.getThreadAllocatedBytes(id) - before;
        }
        System.out.println("allocated " + allocated);
    }
}
