package dev.weft.benchmarks;

import dev.weft.WeftRecursiveTask;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * N-queens, counting every solution: a task per partial placement (bit masks of the attacked columns and
 * diagonals), one child per free square, a variable fan-out and a search tree pruned unevenly. The last
 * {@value #SEQUENTIAL_ROWS} rows run sequentially: 13,315 tasks for n = 10 and 70,208 for n = 11. A task forks
 * all its children but the last, computes that one in place and joins the others newest first, on both sides
 * ({@link WeftRecursiveTask} against {@link RecursiveTask}). The count is checked (724 and 2,680) once per trial.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NQueensBenchmark -rf json
 * -rff benchmarks/results/nqueens.json}
 */
public class NQueensBenchmark extends PoolBenchmark {

    /** Rows solved sequentially at the bottom of the tree. */
    public static final int SEQUENTIAL_ROWS = 4;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN})
    public String pool;

    /** The board size. */
    @Param({"10", "11"})
    public int n;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Checks the board size and the count once. */
    @Override
    protected void afterOpen() {
        if (n < SEQUENTIAL_ROWS + 1 || n > 16) {
            throw new IllegalArgumentException("n = " + n + " is invalid: allowed " + (SEQUENTIAL_ROWS + 1) + "..16");
        }
        FibBenchmark.check("solutions of " + n + "-queens", solve(), sequential(n, 0, 0, 0, 0));
    }

    /** The number of solutions. */
    @Benchmark
    public long solve() {
        return weft != null ? weft.invoke(new WeftQueens(n, 0, 0, 0, 0)) : forkJoin.invoke(new ForkJoinQueens(n, 0, 0, 0, 0));
    }

    /** Counts completions of a placement: {@code cols}, {@code d1}, {@code d2} mark attacked squares of {@code row}. */
    static long sequential(int n, int row, int cols, int d1, int d2) {
        if (row == n) {
            return 1;
        }
        long count = 0;
        int free = ~(cols | d1 | d2) & ((1 << n) - 1);
        while (free != 0) {
            int bit = free & -free;
            free -= bit;
            count += sequential(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >>> 1);
        }
        return count;
    }

    /** A partial placement, Weft side. */
    static final class WeftQueens extends WeftRecursiveTask<Long> {
        private final int n;
        private final int row;
        private final int cols;
        private final int d1;
        private final int d2;

        WeftQueens(int n, int row, int cols, int d1, int d2) {
            this.n = n;
            this.row = row;
            this.cols = cols;
            this.d1 = d1;
            this.d2 = d2;
        }

        @Override
        protected Long compute() {
            if (row >= n - SEQUENTIAL_ROWS) {
                return sequential(n, row, cols, d1, d2);
            }
            int free = ~(cols | d1 | d2) & ((1 << n) - 1);
            WeftQueens[] children = new WeftQueens[Integer.bitCount(free)];
            for (int i = 0; free != 0; i++) {
                int bit = free & -free;
                free -= bit;
                children[i] = new WeftQueens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >>> 1);
            }
            if (children.length == 0) {
                return 0L;
            }
            int last = children.length - 1;
            for (int i = 0; i < last; i++) {
                children[i].fork();
            }
            long count = children[last].compute();
            for (int i = last - 1; i >= 0; i--) {
                count += children[i].join();
            }
            return count;
        }
    }

    /** A partial placement, ForkJoinPool side: the same code. */
    static final class ForkJoinQueens extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int n;
        private final int row;
        private final int cols;
        private final int d1;
        private final int d2;

        ForkJoinQueens(int n, int row, int cols, int d1, int d2) {
            this.n = n;
            this.row = row;
            this.cols = cols;
            this.d1 = d1;
            this.d2 = d2;
        }

        @Override
        protected Long compute() {
            if (row >= n - SEQUENTIAL_ROWS) {
                return sequential(n, row, cols, d1, d2);
            }
            int free = ~(cols | d1 | d2) & ((1 << n) - 1);
            ForkJoinQueens[] children = new ForkJoinQueens[Integer.bitCount(free)];
            for (int i = 0; free != 0; i++) {
                int bit = free & -free;
                free -= bit;
                children[i] = new ForkJoinQueens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >>> 1);
            }
            if (children.length == 0) {
                return 0L;
            }
            int last = children.length - 1;
            for (int i = 0; i < last; i++) {
                children[i].fork();
            }
            long count = children[last].compute();
            for (int i = last - 1; i >= 0; i--) {
                count += children[i].join();
            }
            return count;
        }
    }
}
