package dev.weft.it.dropin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Application code as it is written today: it knows only {@link ExecutorService}, and owns the executor it is
 * given. Whether that executor came from {@code Executors.newFixedThreadPool} or {@code Weft.newPool()} must
 * not matter to it; {@link DropInExecutorTest} checks that it does not.
 */
final class ReportService implements AutoCloseable {

    /** Bounds every wait, so a broken executor fails a test instead of hanging it. */
    static final long WAIT_SECONDS = 30;

    private final ExecutorService executor;

    ReportService(ExecutorService executor) {
        this.executor = executor;
    }

    /** The sum of {@code i * i} for {@code i} in [0, n), computed in {@code chunks} submitted parts. */
    long sumOfSquares(int n, int chunks) throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<Long>> parts = new ArrayList<>();
        int step = (n + chunks - 1) / chunks;
        for (int from = 0; from < n; from += step) {
            int lo = from;
            int hi = Math.min(n, from + step);
            parts.add(executor.submit(() -> {
                long s = 0;
                for (long i = lo; i < hi; i++) {
                    s += i * i;
                }
                return s;
            }));
        }
        long total = 0;
        for (Future<Long> f : parts) {
            total += f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return total;
    }

    /** The length of each word, computed by one task per word through {@code invokeAll}. */
    List<Integer> lengths(List<String> words) throws InterruptedException, ExecutionException {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (String w : words) {
            tasks.add(w::length);
        }
        List<Integer> out = new ArrayList<>();
        for (Future<Integer> f : executor.invokeAll(tasks, WAIT_SECONDS, TimeUnit.SECONDS)) {
            out.add(f.get());
        }
        return out;
    }

    /** Any one title that the executor produces first, through {@code invokeAny}. */
    String anyTitle(List<String> titles) throws InterruptedException, ExecutionException, TimeoutException {
        List<Callable<String>> tasks = new ArrayList<>();
        for (String t : titles) {
            tasks.add(() -> t.toUpperCase(java.util.Locale.ROOT));
        }
        return executor.invokeAny(tasks, WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A greeting built in two asynchronous stages on the executor, with the names of the threads that ran them. */
    CompletableFuture<List<String>> greet(String name) {
        return CompletableFuture.supplyAsync(() -> List.of("Hello, " + name, Thread.currentThread().getName()), executor)
                .thenApplyAsync(prev -> List.of(prev.get(0) + "!", prev.get(1), Thread.currentThread().getName()), executor);
    }

    /** Runs {@code job} on the executor and returns its future. */
    Future<?> schedule(Runnable job) {
        return executor.submit(job);
    }

    /** Stops accepting work; work already submitted still runs. */
    void stopAccepting() {
        executor.shutdown();
    }

    /** Waits for submitted work to finish after {@link #stopAccepting()}; true when the executor terminated in time. */
    boolean awaitFinished() throws InterruptedException {
        return executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Stops now: interrupts running work and returns the work that never started. */
    List<Runnable> abandon() {
        return executor.shutdownNow();
    }

    /** Whether the executor has terminated. */
    boolean isTerminated() {
        return executor.isTerminated();
    }

    /** Stops the executor and waits (bounded) for it, keeping an interrupt for the caller. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
