package dev.weft.benchmarks;

import dev.weft.TaskHandle;
import dev.weft.WeftPool;
import dev.weft.WeftRecursiveTask;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;

/**
 * Fibonacci written three ways on each side, so that the same recursion is compared:
 * <ul>
 *   <li>{@link WeftFib} against {@link ForkJoinFib}: one task object per call, {@code fork()} the first
 *       branch, {@code compute()} the second in place, {@code join()} the first; below {@code cutoff} the
 *       call runs sequentially (a cutoff of 0 means none: only {@code n < 2} is a leaf);</li>
 *   <li>{@link #weftLambda} against {@link #forkJoinLambda}: the lambda API, {@link WeftPool#fork} and
 *       {@link TaskHandle#join()} against {@link ForkJoinTask#adapt(java.util.concurrent.Callable)}
 *       {@code .fork()}/{@code join()}; one fork per inner call.</li>
 * </ul>
 */
final class Fib {

    private Fib() {
    }

    /** The plain recursion, used below the cutoff and to check results. */
    static int sequential(int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }

    /** The number of calls (tree nodes) of the recursion for {@code n}: 2 F(n+1) - 1. */
    static long calls(int n) {
        return n < 2 ? 1 : 1 + calls(n - 1) + calls(n - 2);
    }

    /** The number of inner calls (those that fork once each) for {@code n}: F(n+1) - 1. */
    static long innerCalls(int n) {
        return n < 2 ? 0 : 1 + innerCalls(n - 1) + innerCalls(n - 2);
    }

    /** Weft's fork/join task: one object per call. */
    static final class WeftFib extends WeftRecursiveTask<Integer> {
        private final int n;
        private final int cutoff;

        WeftFib(int n, int cutoff) {
            this.n = n;
            this.cutoff = cutoff;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            if (n < cutoff) {
                return sequential(n);
            }
            WeftFib f1 = new WeftFib(n - 1, cutoff);
            f1.fork();
            WeftFib f2 = new WeftFib(n - 2, cutoff);
            return f2.compute() + f1.join();
        }
    }

    /** The same task for {@link java.util.concurrent.ForkJoinPool}. */
    static final class ForkJoinFib extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;
        private final int n;
        private final int cutoff;

        ForkJoinFib(int n, int cutoff) {
            this.n = n;
            this.cutoff = cutoff;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            if (n < cutoff) {
                return sequential(n);
            }
            ForkJoinFib f1 = new ForkJoinFib(n - 1, cutoff);
            f1.fork();
            ForkJoinFib f2 = new ForkJoinFib(n - 2, cutoff);
            return f2.compute() + f1.join();
        }
    }

    /**
     * The pool {@link #weftLambda} forks into. A static, so that its lambda captures only {@code n}, as
     * {@link #forkJoinLambda}'s does ({@code ForkJoinTask.fork()} finds its pool through the thread): a lambda
     * that also captured the pool would be 8 bytes bigger, which an allocation comparison would charge to Weft.
     * Set it before invoking the pool, which orders the write before every read in its workers.
     */
    static WeftPool lambdaPool;

    /** Weft's lambda API: must run in a worker of {@link #lambdaPool} (start it with {@code lambdaPool.invoke}). */
    static int weftLambda(int n) {
        if (n < 2) {
            return n;
        }
        TaskHandle<Integer> f1 = lambdaPool.fork(() -> weftLambda(n - 1));
        return weftLambda(n - 2) + f1.join();
    }

    /** ForkJoinPool's lambda equivalent: must run in a worker (start it with {@code pool.invoke}). */
    static int forkJoinLambda(int n) {
        if (n < 2) {
            return n;
        }
        ForkJoinTask<Integer> f1 = ForkJoinTask.adapt(() -> forkJoinLambda(n - 1)).fork();
        return forkJoinLambda(n - 2) + f1.join();
    }
}
