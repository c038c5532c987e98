package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JVM settings every benchmark of the suite runs with, fixed in one place (as Netty and JCTools do):
 * three forks, a fixed 2 GiB heap touched at start, two warm-up and three measurement iterations of one second, average time
 * in nanoseconds unless a class says otherwise. JMH reads these annotations from the superclass; a class that
 * needs other JVM flags (GEMM adds the Vector API module) repeats {@link Fork} with the constants below.
 *
 * <p>The shaded jar runs on the class path, where JNA sits in the unnamed module, so native access is granted
 * to {@code ALL-UNNAMED}: naming {@code com.sun.jna} there only prints "Unknown module" and grants nothing.
 * JDK 17 accepts the flag; JDK 22+ would warn without it when the Linux topology provider binds threads.
 *
 * <p>Every pool under test gets the same parallelism, {@link #PARALLELISM}: the CPUs this JVM may use (2 on
 * the reference machine).
 *
 * <p>Run the whole suite with {@code benchmarks/run.sh} (see {@code benchmarks/README.md}).
 */
@Fork(value = 3, jvmArgsAppend = {BenchmarkBase.HEAP_MIN, BenchmarkBase.HEAP_MAX, BenchmarkBase.PRE_TOUCH,
        BenchmarkBase.NATIVE_ACCESS})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public abstract class BenchmarkBase {

    /** Fixed heap: no resizing during measurement. */
    public static final String HEAP_MIN = "-Xms2g";
    /** Fixed heap: no resizing during measurement. */
    public static final String HEAP_MAX = "-Xmx2g";
    /**
     * The heap's pages are touched when the JVM starts, not on first allocation: without it the kernel's page
     * clearing ({@code clear_page_erms}) took 20 % of the CPU samples of SubmissionBenchmark, a cost that grows
     * with each pool's bytes per task and only until the 2 GiB heap has been touched once.
     */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /** JNA (Linux topology provider) loads native code; on the class path it is an unnamed module. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** The parallelism of every pool under test: the CPUs available to this JVM. */
    public static final int PARALLELISM = Runtime.getRuntime().availableProcessors();

    /** Subclasses are JMH state classes. */
    protected BenchmarkBase() {
    }
}
