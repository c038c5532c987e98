package dev.weft.benchmarks;

import dev.weft.PoolConfig;
import dev.weft.Weft;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the pools compared by the suite, the same way in every benchmark, so that a {@code @Param} value
 * ({@value #WEFT}, {@value #FORKJOIN}, {@value #TPE}) means the same pool everywhere:
 * <ul>
 *   <li>{@value #WEFT}: {@link Weft#newPool(PoolConfig)} with the given parallelism, the scheduler and topology
 *       provider chosen by {@link java.util.ServiceLoader} as an application would get them;</li>
 *   <li>{@value #FORKJOIN}: {@code new ForkJoinPool(parallelism)} in its default (LIFO, not async) mode;</li>
 *   <li>{@value #TPE}: a fixed {@link ThreadPoolExecutor} over an unbounded {@link LinkedBlockingQueue}, as
 *       {@code Executors.newFixedThreadPool} builds it, with its threads started up front.</li>
 * </ul>
 * Worker threads are named {@link #threadPrefix(String)} + index, so {@link PoolThreads} can find them.
 */
public final class Pools {

    /** Weft's pool. */
    public static final String WEFT = "weft";
    /** {@link ForkJoinPool}. */
    public static final String FORKJOIN = "forkjoin";
    /** {@link ThreadPoolExecutor} with a {@link LinkedBlockingQueue}. */
    public static final String TPE = "tpe";

    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private Pools() {
    }

    /**
     * A new pool of the given kind.
     *
     * @throws IllegalArgumentException naming the kinds that exist when {@code kind} is not one of them
     */
    public static ExecutorService create(String kind, int parallelism) {
        String prefix = threadPrefix(kind);
        switch (kind) {
            case WEFT:
                return Weft.newPool(PoolConfig.builder()
                        .parallelism(parallelism)
                        .threadNamePrefix(prefix)
                        .name("bench")
                        .build());
            case FORKJOIN:
                return new ForkJoinPool(parallelism, pool -> {
                    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    t.setName(prefix + t.getPoolIndex());
                    return t;
                }, null, false);
            case TPE:
                ThreadPoolExecutor tpe = new ThreadPoolExecutor(parallelism, parallelism, 0L, TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(), namedDaemons(prefix));
                tpe.prestartAllCoreThreads();
                return tpe;
            default:
                throw new IllegalArgumentException("pool = '" + kind + "' is unknown: allowed " + WEFT + ", " + FORKJOIN
                        + ", " + TPE);
        }
    }

    /** The prefix of the worker thread names of a pool of {@code kind}. */
    public static String threadPrefix(String kind) {
        return "bench-" + kind + "-";
    }

    /** Daemon threads named {@code prefix} + a counter. */
    static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Shuts the pool down and waits for it, failing loudly if it does not terminate: a pool that leaks
     * threads into the next trial would skew it.
     */
    public static void close(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new IllegalStateException(pool + " did not terminate within " + CLOSE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
