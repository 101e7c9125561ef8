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

    /**
     * The kernel for this JVM: an instance of {@code vectorClass} (a class written on the Vector
     * API with a no-argument constructor, package-private allowed, loaded by name so that nothing links against
     * {@code jdk.incubator.vector} when it is absent) when {@link #usable()}, else the scalar one.
     * A vector class that cannot be loaded or built also gives the scalar kernel.
     *
     * @param type the kernel interface
     * @param vectorClass binary name of the Vector API implementation
     * @param scalar makes the plain-Java implementation
     * @param <T> the kernel interface
     * @return a new kernel instance
     */
    public static <T> T kernel(Class<T> type, String vectorClass, java.util.function.Supplier<? extends T> scalar) {
        if (usable()) {
            try {
                java.lang.reflect.Constructor<?> c = Class.forName(vectorClass, true, type.getClassLoader())
                        .getDeclaredConstructor();
                c.setAccessible(true); // the kernels are package-private classes
                return type.cast(c.newInstance());
            } catch (ReflectiveOperationException | LinkageError | ClassCastException | SecurityException e) {
                return scalar.get();
            }
        }
        return scalar.get();
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
