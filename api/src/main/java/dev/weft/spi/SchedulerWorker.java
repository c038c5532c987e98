package dev.weft.spi;

import dev.weft.ManagedBlocker;
import dev.weft.WeftPool;
import dev.weft.WeftTask;

/**
 * Implemented by a scheduler's worker threads, so that API types ({@link WeftTask#fork()},
 * {@link WeftTask#join()}, {@link dev.weft.Weft#managedBlock}) can reach the worker running them without
 * naming the scheduler's classes.
 */
public interface SchedulerWorker {

    /** The pool this worker belongs to. */
    WeftPool pool();

    /** Pushes {@code task} onto this worker's own deque (the task inherits the running task's priority). */
    void fork(WeftTask<?> task);

    /**
     * Runs other tasks (this worker's own first, then stolen ones) until {@code task} is done, parking when
     * there is nothing to run.
     *
     * @param timed whether {@code nanos} bounds the wait
     * @param nanos the longest wait when timed
     * @return false on timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws java.util.concurrent.CancellationException when the pool is stopping and {@code task} has not
     *                                                    started (it will never run: waiting would hang)
     */
    boolean awaitDone(WeftTask<?> task, boolean timed, long nanos) throws InterruptedException;

    /** Runs a blocking operation, adding a spare worker while it blocks. */
    void managedBlock(ManagedBlocker blocker) throws InterruptedException;
}
