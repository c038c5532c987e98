package dev.weft.benchmarks;

import dev.weft.WeftRecursiveAction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.RecursiveAction;
import java.util.concurrent.locks.LockSupport;

/**
 * Chained spawn: each task creates the next one and hands it to the pool the way the pool's own tasks do
 * ({@code fork()} of a {@link WeftRecursiveAction} against a {@link RecursiveAction}; {@code execute} of a new
 * {@code Runnable} for ThreadPoolExecutor), then ends; {@value #HOPS} tasks in a chain per operation, reported
 * per hop: the latency from one task's spawn to the next one running, allocation of the task included. Nobody
 * joins the chain's tasks (both pools allow it); the last one wakes the JMH thread.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChainedSpawnBenchmark -rf json
 * -rff benchmarks/results/chain.json}
 */
public class ChainedSpawnBenchmark extends PoolBenchmark {

    /** Tasks in one chain. */
    public static final int HOPS = 1_000;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN, Pools.TPE})
    public String pool;

    private volatile boolean done;
    private volatile Thread waiter;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** One chain of {@value #HOPS} tasks; score per hop. */
    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void chain() {
        done = false;
        waiter = Thread.currentThread();
        if (weft != null) {
            weft.submit(new WeftHop(HOPS - 1));
        } else if (forkJoin != null) {
            forkJoin.execute(new ForkJoinHop(HOPS - 1));
        } else {
            exec.execute(new TpeHop(HOPS - 1));
        }
        while (!done) {
            LockSupport.park(this);
        }
    }

    private void finish() {
        done = true;
        LockSupport.unpark(waiter);
    }

    private final class WeftHop extends WeftRecursiveAction {
        private final int left;

        WeftHop(int left) {
            this.left = left;
        }

        @Override
        protected void compute() {
            if (left == 0) {
                finish();
            } else {
                new WeftHop(left - 1).fork();
            }
        }
    }

    private final class ForkJoinHop extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int left;

        ForkJoinHop(int left) {
            this.left = left;
        }

        @Override
        protected void compute() {
            if (left == 0) {
                finish();
            } else {
                new ForkJoinHop(left - 1).fork();
            }
        }
    }

    private final class TpeHop implements Runnable {
        private final int left;

        TpeHop(int left) {
            this.left = left;
        }

        @Override
        public void run() {
            if (left == 0) {
                finish();
            } else {
                exec.execute(new TpeHop(left - 1));
            }
        }
    }
}
