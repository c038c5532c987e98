package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.ForkJoinTask;

/**
 * Time and allocation per task: fib(25) without cutoff, normalised with {@link OperationsPerInvocation} so that
 * one JMH "operation" is one task. Run with JMH's GC profiler and read {@code gc.alloc.rate.norm} as bytes per
 * task (it includes the task objects the benchmark itself creates, the same on both sides):
 * <ul>
 *   <li>{@link #recursiveTask()}: one operation per call, {@value #CALLS} calls, each a task object
 *       ({@code Fib.WeftFib} against {@code Fib.ForkJoinFib});</li>
 *   <li>{@link #lambdaFork()}: one operation per fork, {@value #FORKS} forks (each inner call forks once), each a
 *       lambda plus whatever the pool wraps it in. Both sides' lambdas capture only {@code n}
 *       ({@link Fib#lambdaPool}), so the difference is the pool's.</li>
 * </ul>
 * The two constants are checked against the recursion at setup.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TaskAllocationBenchmark -prof gc -rf json
 * -rff benchmarks/results/alloc.json}
 */
public class TaskAllocationBenchmark extends PoolBenchmark {

    /** The Fibonacci argument. */
    public static final int N = 25;
    /** Calls of fib(25): 2 F(26) - 1. */
    public static final int CALLS = 242_785;
    /** Inner calls of fib(25), one fork each: F(26) - 1. */
    public static final int FORKS = 121_392;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN})
    public String pool;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Checks the operation counts and the answers. */
    @Override
    protected void afterOpen() {
        FibBenchmark.check("calls of fib(" + N + ")", Fib.calls(N), CALLS);
        FibBenchmark.check("inner calls of fib(" + N + ")", Fib.innerCalls(N), FORKS);
        int expected = Fib.sequential(N);
        FibBenchmark.check("recursiveTask", recursiveTask(), expected);
        FibBenchmark.check("lambdaFork", lambdaFork(), expected);
    }

    /** fib(25), one task object per call; score per call. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int recursiveTask() {
        return weft != null ? weft.invoke(new Fib.WeftFib(N, 0)) : forkJoin.invoke(new Fib.ForkJoinFib(N, 0));
    }

    /** fib(25) through the lambda fork API; score per fork. */
    @Benchmark
    @OperationsPerInvocation(FORKS)
    public int lambdaFork() {
        if (weft != null) {
            Fib.lambdaPool = weft;
            return weft.invoke(() -> Fib.weftLambda(N));
        }
        return forkJoin.invoke(ForkJoinTask.adapt(() -> Fib.forkJoinLambda(N)));
    }
}
