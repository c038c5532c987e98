package dev.weft.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker threads of a pool, found by name prefix (see {@link Pools#threadPrefix(String)}): their CPU time
 * and whether they are all parked. The same code serves Weft, {@code ForkJoinPool} and
 * {@code ThreadPoolExecutor}, since all three are built with named threads.
 */
final class PoolThreads {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PoolThreads() {
    }

    /**
     * The live threads whose names start with {@code prefix}. Walks every thread of the JVM: call it outside
     * the measured region.
     */
    static List<Thread> find(String prefix) {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                found.add(t);
            }
        }
        return found;
    }

    /**
     * The CPU time, in nanoseconds, used so far by the live threads whose names start with {@code prefix}.
     * A thread that ended between two calls takes its time with it; the pools measured here keep their workers
     * for far longer than one measurement (keep-alive 60 s).
     *
     * @throws IllegalStateException when this JVM cannot measure thread CPU time
     */
    static long cpuNanos(String prefix) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time (ThreadMXBean)");
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        long total = 0;
        for (Thread t : find(prefix)) {
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }

    /** True when every thread in {@code threads} is parked or blocked (not running, spinning or yielding). */
    static boolean allParked(List<Thread> threads) {
        for (Thread t : threads) {
            Thread.State s = t.getState();
            if (s == Thread.State.RUNNABLE || s == Thread.State.NEW) {
                return false;
            }
        }
        return true;
    }
}
