package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Fork/join Fibonacci, Weft against {@link ForkJoinPool} in the same run (time per whole computation):
 * <ul>
 *   <li>{@link #recursiveTask()}: no cutoff, one task object per call ({@link Fib.WeftFib} against
 *       {@link Fib.ForkJoinFib}): almost pure per-task overhead, 2 F(n+1) - 1 tasks (242,785 for n = 25);</li>
 *   <li>{@link #recursiveTaskCutoff()}: the same with sequential work below n = {@value #CUTOFF}, the
 *       granularity real code uses: the pool's overhead should vanish here;</li>
 *   <li>{@link #lambdaFork()}: Weft's lambda API ({@code pool.fork(callable)}, {@code TaskHandle.join()})
 *       against {@code ForkJoinTask.adapt(callable).fork()}, no cutoff.</li>
 * </ul>
 * n = 25 keeps the no-cutoff runs short; 30 (2.7 million tasks) is listed too. Per-task time and allocation:
 * {@link TaskAllocationBenchmark}. The result is returned (JMH consumes it) and checked once per trial.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FibBenchmark -rf json -rff benchmarks/results/fib.json}
 */
public class FibBenchmark extends PoolBenchmark {

    /** Sequential below this n in {@link #recursiveTaskCutoff()}. */
    public static final int CUTOFF = 15;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN})
    public String pool;

    /** The Fibonacci argument. */
    @Param({"25", "30"})
    public int n;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Checks every variant's answer once. */
    @Override
    protected void afterOpen() {
        int expected = Fib.sequential(n);
        check("recursiveTask", recursiveTask(), expected);
        check("recursiveTaskCutoff", recursiveTaskCutoff(), expected);
        check("lambdaFork", lambdaFork(), expected);
    }

    /** fib(n) with one task per call and no cutoff. */
    @Benchmark
    public int recursiveTask() {
        return weft != null ? weft.invoke(new Fib.WeftFib(n, 0)) : forkJoin.invoke(new Fib.ForkJoinFib(n, 0));
    }

    /** fib(n) with one task per call down to n = {@value #CUTOFF}, sequential below. */
    @Benchmark
    public int recursiveTaskCutoff() {
        return weft != null ? weft.invoke(new Fib.WeftFib(n, CUTOFF)) : forkJoin.invoke(new Fib.ForkJoinFib(n, CUTOFF));
    }

    /** fib(n) through the lambda fork API, no cutoff. */
    @Benchmark
    public int lambdaFork() {
        int arg = n;
        if (weft != null) {
            Fib.lambdaPool = weft;
            return weft.invoke(() -> Fib.weftLambda(arg));
        }
        return forkJoin.invoke(ForkJoinTask.adapt(() -> Fib.forkJoinLambda(arg)));
    }

    static void check(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " computed " + actual + ", expected " + expected);
        }
    }
}
