package dev.weft.benchmarks;

import dev.weft.WeftPool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * A benchmark over one pool of {@link Pools}, chosen by the subclass's {@code pool} parameter: the pool is
 * built with {@link BenchmarkBase#PARALLELISM} workers before the trial, then {@link #afterOpen()} prepares
 * inputs and checks answers; {@link #beforeClose()} runs before the pool is closed after the trial.
 */
public abstract class PoolBenchmark extends BenchmarkBase {

    /** The pool under test, for the trial. */
    protected ExecutorService exec;
    /** {@link #exec} as a Weft pool, or null when it is another kind. */
    protected WeftPool weft;
    /** {@link #exec} as a ForkJoinPool, or null when it is another kind. */
    protected ForkJoinPool forkJoin;

    /** Subclasses are JMH state classes. */
    protected PoolBenchmark() {
    }

    /** The kind of pool to build: the subclass's {@code pool} parameter. */
    protected abstract String poolKind();

    /** Builds the pool, then calls {@link #afterOpen()}. */
    @Setup(Level.Trial)
    public final void openPool() throws Exception {
        exec = Pools.create(poolKind(), PARALLELISM);
        weft = exec instanceof WeftPool ? (WeftPool) exec : null;
        forkJoin = exec instanceof ForkJoinPool ? (ForkJoinPool) exec : null;
        afterOpen();
    }

    /** Calls {@link #beforeClose()}, then closes the pool. */
    @TearDown(Level.Trial)
    public final void closePool() throws Exception {
        try {
            beforeClose();
        } finally {
            Pools.close(exec);
        }
    }

    /** Prepares the trial once the pool exists; nothing by default. */
    protected void afterOpen() throws Exception {
    }

    /** Ends the trial before the pool closes; nothing by default. */
    protected void beforeClose() throws Exception {
    }
}
