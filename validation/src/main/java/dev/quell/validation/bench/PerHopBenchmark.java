package dev.quell.validation.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every Quell benchmark class shares, in one place: each benchmark instance is
 * its own per-thread state; average time per operation in nanoseconds; 3 warm-up and 5
 * measured iterations of 1 s; one forked JVM with the Vector API, as the product's launcher
 * starts it. JMH reads these annotations through the class hierarchy, and a subclass's own
 * annotation of a kind replaces this one (as {@link EngineBenchmarks}' longer iterations and
 * {@link NetworkBenchmarks.Scalar}'s fork do).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class PerHopBenchmark {
}
