package dev.weft.core;

import dev.weft.WeftTask;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code invokeAll} and {@code invokeAny} with the semantics of {@link java.util.concurrent.AbstractExecutorService}
 * (which tasks are cancelled when, which exception is thrown), but waiting through {@link WeftTask#get} so that
 * a worker calling them helps instead of blocking (AbstractExecutorService's {@code invokeAny} blocks in a
 * queue, which would deadlock a one-worker pool).
 *
 * <h2>Implementation notes</h2>
 * {@code invokeAny} meets its tasks in a never-run {@link Tasks.Promise}: each task's completion callback
 * completes the promise with the first normal result (the promise's claiming CAS makes later ones no-ops), or,
 * when the count of failures reaches the number of tasks, with the last failure. Waiting on the promise is a
 * {@link WeftTask#get}, so a worker helps meanwhile; whatever the outcome, every task is then cancelled with an
 * interrupt, as AbstractExecutorService does.
 */
final class Invocations {

    private Invocations() {
    }

    static <T> List<Future<T>> invokeAll(WorkStealingPool pool, Collection<? extends Callable<T>> tasks)
            throws InterruptedException {
        List<WeftTask<T>> futures = wrap(tasks);
        try {
            for (WeftTask<T> f : futures) {
                pool.submit(f);
            }
            for (WeftTask<T> f : futures) {
                if (!f.isDone()) {
                    try {
                        f.get();
                    } catch (CancellationException | ExecutionException ignore) {
                        // reported through the future
                    }
                }
            }
            return new ArrayList<>(futures);
        } catch (Throwable t) {
            cancelAll(futures, 0);
            throw t;
        }
    }

    static <T> List<Future<T>> invokeAll(WorkStealingPool pool, Collection<? extends Callable<T>> tasks,
                                         long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        long deadline = System.nanoTime() + nanos;
        List<WeftTask<T>> futures = wrap(tasks);
        int j = 0;
        timedOut:
        try {
            int size = futures.size();
            for (int i = 0; i < size; i++) {
                if (((i == 0) ? nanos : deadline - System.nanoTime()) <= 0L) {
                    break timedOut;
                }
                pool.submit(futures.get(i));
            }
            for (; j < size; j++) {
                WeftTask<T> f = futures.get(j);
                if (!f.isDone()) {
                    try {
                        f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    } catch (CancellationException | ExecutionException ignore) {
                        // reported through the future
                    } catch (TimeoutException e) {
                        break timedOut;
                    }
                }
            }
            return new ArrayList<>(futures);
        } catch (Throwable t) {
            cancelAll(futures, 0);
            throw t;
        }
        // Timed out before every task completed: cancel what is left.
        cancelAll(futures, j);
        return new ArrayList<>(futures);
    }

    static <T> T invokeAny(WorkStealingPool pool, Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<WeftTask<T>> futures = wrap(tasks);
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task: tasks is empty");
        }
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        Tasks.Promise<T> first = new Tasks.Promise<>();
        AtomicInteger failures = new AtomicInteger();
        int n = futures.size();
        try {
            for (WeftTask<T> f : futures) {
                f.whenDone(() -> {
                    if (!f.isCompletedAbnormally()) {
                        first.complete(f.getRawResult());
                    } else if (failures.incrementAndGet() == n) {
                        // All failed: report the last failure, as AbstractExecutorService does.
                        first.completeExceptionally(f.getException());
                    }
                });
                if (first.isDone()) {
                    break;
                }
                pool.submit(f);
            }
            if (timed) {
                return first.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return first.get();
        } finally {
            cancelAll(futures, 0);
        }
    }

    private static <T> List<WeftTask<T>> wrap(Collection<? extends Callable<T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<WeftTask<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> c : tasks) {
            futures.add(new Tasks.CallableTask<>(Objects.requireNonNull(c, "a task in tasks"), null));
        }
        return futures;
    }

    private static <T> void cancelAll(List<WeftTask<T>> futures, int from) {
        for (int i = from; i < futures.size(); i++) {
            futures.get(i).cancel(true);
        }
    }
}
