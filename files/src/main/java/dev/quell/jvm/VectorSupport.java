package dev.quell.jvm;

/**
 * Whether this JVM should run the SIMD kernels written on the JDK's incubating Vector API (JEP 338
 * onwards, {@code jdk.incubator.vector} in JDK 17). Shared by the DSP's correlation kernel and the
 * network's matrix kernel so both make the same choice.
 *
 * <p>The answer is yes when the module is in the boot layer ({@code --add-modules
 * jdk.incubator.vector}), the JVM's optimising compiler (HotSpot C2, the only one that turns Vector
 * API calls into SIMD instructions) is enabled, and the system property {@code quell.vector} is
 * not {@code false}. Without C2 ({@code -Xint}, {@code -XX:TieredStopAtLevel=1..3}) every vector
 * operation allocates (measured: about 33 MB per engine call), so callers use their scalar kernel
 * there.
 */
public final class VectorSupport {
    private static final boolean USABLE = decide();

    private VectorSupport() {
    }

    /** @return true when the Vector API kernels should be used in this JVM (decided once) */
    public static boolean usable() {
        return USABLE;
    }

    private static boolean decide() {
        return !"false".equals(System.getProperty("quell.vector"))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && optimisingCompilerEnabled();
    }

    /**
     * @return false when this JVM is known to run without HotSpot's C2 compiler (interpreted
     *     mode, or tiered compilation stopped below level 4); true otherwise, including when the
     *     management API is absent (a jlinked runtime without java.management)
     */
    static boolean optimisingCompilerEnabled() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return false;
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return true;
            }
            boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
            int stopAt = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
            return !tiered || stopAt >= 4;
        } catch (LinkageError | RuntimeException e) {
            return true;
        }
    }
}
