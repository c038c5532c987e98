package dev.weft.cli;

/**
 * What {@code weft bench} measures.
 *
 * @param sizes    matrix sizes, ascending
 * @param threads  thread counts, ascending, starting with 1 (the speedup baseline)
 * @param runs     the least number of timed runs per measurement
 * @param fib      the Fibonacci argument, or 0 to skip the task section
 * @param tasks    empty tasks per producer in the execute test, or 0 to skip the task section
 * @param vector   whether (and why not) this JVM resolved {@code jdk.incubator.vector}
 */
record BenchSettings(int[] sizes, int[] threads, int runs, int fib, int tasks, VectorRelaunch.Decision vector) {

    /** The most threads measured: the parallelism of the task section's pools. */
    int maxThreads() {
        return threads[threads.length - 1];
    }

    boolean taskSection() {
        return fib > 0 && tasks > 0;
    }

    /** The number of tasks of a fork/join Fibonacci of {@code n} without cutoff: {@code 2 fib(n+1) - 1}. */
    static long fibTaskCount(int n) {
        return 2 * fibonacci(n + 1) - 1;
    }

    /** fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2). */
    static long fibonacci(int n) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long c = a + b;
            a = b;
            b = c;
        }
        return a;
    }
}
