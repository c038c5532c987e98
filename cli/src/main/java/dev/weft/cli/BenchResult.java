package dev.weft.cli;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything {@code weft bench} measured, ready to print.
 *
 * @param machine  the header: CPU, JDK, topology provider, scheduler, kernel
 * @param settings what was measured
 * @param gemm     one row per size, thread count and pool
 * @param tasks    one row per workload and pool (empty when the task section was skipped)
 * @param seconds  the wall time of the whole measurement
 * @param date     the day the measurement started (local time), for the plot's title
 */
record BenchResult(BenchMachine machine, BenchSettings settings, List<Gemm> gemm, List<Task> tasks, double seconds,
                   LocalDate date) {

    /** The pool names used in reports and JSON. */
    static final String WEFT = "weft";
    static final String FORKJOIN = "forkjoin";

    /**
     * One GEMM measurement.
     *
     * @param speedup    GFLOPS over the same pool's GFLOPS on one thread at this size
     * @param efficiency speedup / threads
     * @param seconds    the median time of one multiplication
     * @param runs       the number of timed runs
     */
    record Gemm(int size, int threads, String pool, double gflops, double speedup, double efficiency, double seconds, int runs) {
    }

    /**
     * One task-overhead measurement.
     *
     * @param workload  {@code fib} or {@code execute}
     * @param detail    what exactly ran, in words
     * @param taskCount tasks per run
     * @param threads   the pool's parallelism
     */
    record Task(String workload, String detail, String pool, double nsPerTask, long taskCount, int threads, int runs) {
    }

    /** The row of {@code pool} at this size and thread count, if measured. */
    Gemm gemm(int size, int threads, String pool) {
        return gemm.stream().filter(g -> g.size() == size && g.threads() == threads && g.pool().equals(pool))
                .findFirst().orElse(null);
    }

    /** The row of {@code pool} for this workload, if measured. */
    Task task(String workload, String pool) {
        return tasks.stream().filter(t -> t.workload().equals(workload) && t.pool().equals(pool)).findFirst().orElse(null);
    }
}
