package dev.quell.nn;

/** Prints the kernel {@link MatVec#get()} chooses in this JVM; run by {@link MatVecTest} in a child JVM. */
public final class PrintKernel {
    private PrintKernel() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("kernel=" + MatVec.get().name());
    }
}
