package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU burnt by a nearly idle pool: a trickle of one empty task per millisecond for {@value #SECONDS} s, and
 * the CPU time the pool's worker threads used meanwhile (read through {@code ThreadMXBean} for the threads
 * named with the pool's prefix, before and after). A pool that spins between tasks burns up to one CPU
 * second per second per spinning worker; one that parks at once uses only what the tasks need.
 *
 * <p>The result is the auxiliary counters, not the primary score (a single shot of about {@value #SECONDS} s):
 * {@code workerCpuMicros / wallMillis} is the workers' CPU milliseconds per second of wall time (the report
 * tool computes it per iteration with {@code --metric workerCpuMicros/wallMillis}). The JMH thread paces the
 * tasks against absolute deadlines with {@code LockSupport.parkNanos}, so timer slack does not accumulate; its
 * own CPU is not counted.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IdleCpuBenchmark -rf json
 * -rff benchmarks/results/idlecpu.json}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class IdleCpuBenchmark extends PoolBenchmark {

    /** Length of the trickle. */
    public static final int SECONDS = 5;
    /** One task per this period. */
    public static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    private final AtomicInteger ran = new AtomicInteger();
    private final Runnable task = ran::incrementAndGet;

    /** Per-iteration totals, reported as JMH secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounters {
        /** CPU time of the pool's workers. */
        public long workerCpuMicros;
        /** Wall time of the trickle. */
        public long wallMillis;

        /** JMH keeps counters across iterations unless reset. */
        @Setup(Level.Iteration)
        public void reset() {
            workerCpuMicros = 0;
            wallMillis = 0;
        }
    }

    @Override
    protected String poolKind() {
        return pool;
    }

    /** One task per millisecond for {@value #SECONDS} s; records the workers' CPU time. */
    @Benchmark
    public void trickle(CpuCounters counters) {
        String prefix = Pools.threadPrefix(pool);
        int tasks = (int) (TimeUnit.SECONDS.toNanos(SECONDS) / PERIOD_NANOS);
        ran.set(0);
        long cpuBefore = PoolThreads.cpuNanos(prefix);
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            long due = start + i * PERIOD_NANOS;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            exec.execute(task);
        }
        long end = start + tasks * PERIOD_NANOS;
        for (long wait = end - System.nanoTime(); wait > 0; wait = end - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ran.get() < tasks) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + ran.get() + " of " + tasks + " tasks ran");
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
        long wall = System.nanoTime() - start;
        long cpu = PoolThreads.cpuNanos(prefix) - cpuBefore;
        counters.workerCpuMicros += TimeUnit.NANOSECONDS.toMicros(cpu);
        counters.wallMillis += TimeUnit.NANOSECONDS.toMillis(wall);
    }
}
