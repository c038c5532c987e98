package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-up latency of an idle pool: one task submitted to a pool whose workers are all parked, timed until it
 * runs. {@link Mode#SampleTime} records every sample, so JMH reports the distribution: read p0.50 and p0.99.
 *
 * <p><b>Making sure the pool is idle.</b> Before every sample (a {@link Level#Invocation} fixture, outside the
 * timed region) the JMH thread parks for {@value #IDLE_MICROS} µs, long enough for every pool's spin and yield
 * phases to end, and then checks that each worker thread of the pool is in state {@code WAITING} or
 * {@code TIMED_WAITING} (parked), polling every {@value #POLL_MICROS} µs for at most {@value #MAX_WAIT_MILLIS}
 * ms. A thread that spins or yields is {@code RUNNABLE}, so a sample never starts while a worker is still
 * searching. If the bound passes with a worker still runnable the sample is taken anyway and counted; the count
 * is printed at the end of the trial (it should be 0). Workers are listed at the start of each iteration, so
 * lazily started ForkJoinPool workers are included from the next iteration on.
 *
 * <p><b>Waiting for the task.</b> The JMH thread spins on a volatile flag set by the task; parking would add a
 * second wake-up (of the JMH thread) to every sample.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WakeUpLatencyBenchmark -rf json
 * -rff benchmarks/results/wakeup.json}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class WakeUpLatencyBenchmark extends PoolBenchmark {

    /** Idle time before each sample. */
    public static final long IDLE_MICROS = 2_000;
    /** Poll period while waiting for every worker to park. */
    public static final long POLL_MICROS = 100;
    /** Longest wait for every worker to park. */
    public static final long MAX_WAIT_MILLIS = 200;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    private List<Thread> workers;
    private long samplesNotParked;
    private volatile boolean ran;
    private final Runnable task = () -> ran = true;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Starts the pool's workers. */
    @Override
    protected void afterOpen() {
        for (int i = 0; i < 100; i++) {
            exec.execute(task);
        }
    }

    /** Lists the pool's worker threads. */
    @Setup(Level.Iteration)
    public void listWorkers() {
        workers = PoolThreads.find(Pools.threadPrefix(pool));
        if (workers.isEmpty()) {
            throw new IllegalStateException("no thread named " + Pools.threadPrefix(pool) + "*: cannot check idleness");
        }
    }

    /** Idles, then waits until every worker is parked. Not timed. */
    @Setup(Level.Invocation)
    public void waitUntilParked() {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(IDLE_MICROS));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (!PoolThreads.allParked(workers)) {
            if (System.nanoTime() - deadline > 0) {
                samplesNotParked++;
                return;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(POLL_MICROS));
        }
    }

    /** Reports samples taken while a worker was still runnable. */
    @Override
    protected void beforeClose() {
        if (samplesNotParked > 0) {
            System.out.println("WARNING: " + samplesNotParked + " samples of pool '" + pool
                    + "' started while a worker was still runnable after " + MAX_WAIT_MILLIS + " ms");
        }
    }

    /** Submits one task to the idle pool and waits until it has run. */
    @Benchmark
    public void wakeOne() {
        ran = false;
        exec.execute(task);
        while (!ran) {
            Thread.onSpinWait();
        }
    }
}
