package dev.weft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;

/**
 * The handle of a submitted task: a {@link Future} that can also be joined without checked exceptions,
 * observed as a {@link CompletableFuture}, and asked for its priority.
 *
 * <p>Waiting from inside a pool never deadlocks: a worker that calls {@link #join()} or {@link #get()} runs
 * other tasks (its own queued tasks first, then stolen ones) until this one is done, so nested parallelism
 * completes even with one worker.
 *
 * @param <T> the result type
 */
public interface TaskHandle<T> extends Future<T> {

    /**
     * Waits for the task (helping, when called from a worker) and returns its result.
     *
     * @throws CompletionException                  with the task's exception as its cause, if it failed
     * @throws java.util.concurrent.CancellationException if it was cancelled
     */
    T join();

    /**
     * A {@link CompletableFuture} completed with this task's outcome. Completing or cancelling the returned
     * future does not affect the task.
     */
    CompletableFuture<T> toCompletableFuture();

    /** The priority the task was submitted (or inherited) with. */
    Priority priority();

    /** True when the task completed by throwing, or was cancelled. */
    boolean isCompletedAbnormally();
}
