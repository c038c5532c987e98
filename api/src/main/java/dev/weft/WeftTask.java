package dev.weft;

import dev.weft.spi.SchedulerWorker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The unit of work every Weft pool schedules: one object per task, holding its state, outcome, priority and
 * completion callbacks. Subclass {@link WeftRecursiveTask} or {@link WeftRecursiveAction} to write fork/join
 * code; {@link WeftPool#submit} wraps lambdas in a subclass of this.
 *
 * <h2>Implementation notes</h2>
 * <b>States</b> follow {@link java.util.concurrent.FutureTask}: {@code NEW -> RUNNING -> NORMAL | EXCEPTIONAL},
 * {@code NEW | RUNNING -> CANCELLED}, and {@code NEW | RUNNING -> INTERRUPTING -> INTERRUPTED} for
 * {@code cancel(true)}. A task is started at most once: the only way to start it is the CAS {@code NEW ->
 * RUNNING} in {@link #run()}. A cancelled running task keeps running to its end but its outcome is dropped.
 * <p>
 * <b>Memory ordering.</b> {@code runner} is written plainly before the claiming CAS, whose volatile semantics
 * publish it to a {@code cancel(true)} that reads {@code status == RUNNING}. {@code outcome} is written plainly
 * before the CAS that sets a final state and read only after a volatile read sees that state.
 * <p>
 * <b>Completion callbacks</b> (waiting threads, dependents, {@link #toCompletableFuture()}) live on a Treiber
 * stack. The completer sets the final state and then swaps the stack for {@code DONE}; an adder pushes and then
 * re-reads the state. Both sides use volatile accesses, so at least one of them sees the other (Dekker); each
 * callback node is claimed by CAS so it runs exactly once whichever side sees it.
 * <p>
 * <b>Interrupts.</b> After a task ends, a runner whose task is being interrupted by {@code cancel(true)} waits
 * until the interrupt has been delivered and then clears it, so the interrupt can never leak into the next task
 * the thread runs (the race {@code FutureTask.handlePossibleCancellationInterrupt} closes).
 *
 * @param <T> the result type
 */
public abstract class WeftTask<T> implements TaskHandle<T>, RunnableFuture<T> {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int NORMAL = 2;
    private static final int EXCEPTIONAL = 3;
    private static final int CANCELLED = 4;
    private static final int INTERRUPTING = 5;
    private static final int INTERRUPTED = 6;

    private static final Callback DONE = new Callback(null);

    private static final VarHandle STATUS;
    private static final VarHandle CALLBACKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(WeftTask.class, "status", int.class);
            CALLBACKS = l.findVarHandle(WeftTask.class, "callbacks", Callback.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int status;
    /** The result or the Throwable; published by the final-state CAS. */
    private Object outcome;
    /** The thread running the task; published by the claiming CAS. */
    private Thread runner;
    private volatile Callback callbacks;
    /** -1 until chosen; then a {@link Priority} ordinal. Set before the task is published to a queue. */
    private byte priority = -1;

    /** Creates a new, not yet started task. */
    protected WeftTask() {
    }

    /**
     * Computes the result. Called once, by the thread that starts the task.
     *
     * @throws Exception to complete the task exceptionally
     */
    protected abstract T call() throws Exception;

    /**
     * Runs the task if it has not started and was not cancelled; otherwise does nothing. Schedulers call this;
     * user code calls {@link #invoke()} or submits the task.
     */
    @Override
    public final void run() {
        if (status != NEW) {
            return;
        }
        Thread me = Thread.currentThread();
        runner = me;
        if (!STATUS.compareAndSet(this, NEW, RUNNING)) {
            runner = null;
            return;
        }
        Object result;
        int end;
        try {
            result = call();
            end = NORMAL;
        } catch (Throwable t) {
            result = t;
            end = EXCEPTIONAL;
        }
        runner = null;
        outcome = result;
        if (STATUS.compareAndSet(this, RUNNING, end)) {
            fireCallbacks();
        } else {
            outcome = null;
            awaitCancellationInterrupt();
        }
    }

    /** Spins (yielding) until a racing {@code cancel(true)} has delivered its interrupt, then clears it. */
    private void awaitCancellationInterrupt() {
        while (status == INTERRUPTING) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (status == INTERRUPTED) {
            // The interrupt was aimed at this task, not at whatever the thread runs next.
            Thread.interrupted();
        }
    }

    /**
     * Starts the task in the calling thread if it has not started, then waits for it (helping, in a worker)
     * and returns its result, like {@link java.util.concurrent.ForkJoinTask#invoke()}.
     *
     * @throws CompletionException   with the cause, if it failed
     * @throws CancellationException if it was cancelled
     */
    public final T invoke() {
        run();
        return join();
    }

    /**
     * Pushes this task onto the current worker's own deque, from where the worker (or a thief) will run it.
     * Unless a priority was chosen with {@link #withPriority}, it inherits the priority of the task running.
     *
     * @return this task
     * @throws IllegalStateException when not called from a Weft worker thread; submit to a pool instead
     */
    public final WeftTask<T> fork() {
        if (Thread.currentThread() instanceof SchedulerWorker worker) {
            worker.fork(this);
            return this;
        }
        throw new IllegalStateException("fork() called from thread '" + Thread.currentThread().getName()
                + "', which is not a Weft worker: use pool.submit(task) or pool.invoke(task) from outside a pool");
    }

    /**
     * Sets the priority this task is queued with. Call it before the task is forked or submitted.
     *
     * @return this task
     */
    public final WeftTask<T> withPriority(Priority p) {
        Objects.requireNonNull(p, "priority");
        if (status != NEW) {
            throw new IllegalStateException("the priority of a task that has started cannot change (task " + this + ")");
        }
        this.priority = (byte) p.ordinal();
        return this;
    }

    /**
     * Gives the task {@code p} unless a priority was chosen already. Schedulers call this when a task is
     * forked, so subtasks inherit their parent's priority.
     */
    public final void inheritPriority(Priority p) {
        if (priority < 0) {
            priority = (byte) p.ordinal();
        }
    }

    @Override
    public final Priority priority() {
        int p = priority;
        return p < 0 ? Priority.NORMAL : Priority.ofOrdinal(p);
    }

    @Override
    public final boolean isDone() {
        return status > RUNNING;
    }

    /** True while the task has been neither started nor cancelled. */
    public final boolean isNew() {
        return status == NEW;
    }

    @Override
    public final boolean isCancelled() {
        return status >= CANCELLED;
    }

    @Override
    public final boolean isCompletedAbnormally() {
        return status >= EXCEPTIONAL;
    }

    /** True when the task ended by throwing (not by cancellation). */
    public final boolean isCompletedExceptionally() {
        return status == EXCEPTIONAL;
    }

    /**
     * Cancels the task. A task that has not started never runs. A running task keeps running (and, with
     * {@code mayInterruptIfRunning}, its thread is interrupted) but its outcome is dropped.
     *
     * @return false when the task had already completed or been cancelled
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        while (true) {
            int s = status;
            if (s > RUNNING) {
                return false;
            }
            if (mayInterruptIfRunning && s == RUNNING) {
                if (STATUS.compareAndSet(this, RUNNING, INTERRUPTING)) {
                    Thread t = runner;
                    try {
                        if (t != null) {
                            t.interrupt();
                        }
                    } finally {
                        STATUS.setVolatile(this, INTERRUPTED);
                    }
                    fireCallbacks();
                    return true;
                }
            } else if (STATUS.compareAndSet(this, s, CANCELLED)) {
                fireCallbacks();
                return true;
            }
        }
    }

    /**
     * Completes the task with {@code value} if it has not started: it will then never run. For tasks whose
     * result is known early.
     *
     * @return true when this call completed the task
     */
    public final boolean complete(T value) {
        if (STATUS.compareAndSet(this, NEW, RUNNING)) {
            outcome = value;
            STATUS.setVolatile(this, NORMAL);
            fireCallbacks();
            return true;
        }
        return false;
    }

    /**
     * Completes the task with {@code failure} if it has not started: it will then never run. Used, for
     * example, for a task whose dependency failed.
     *
     * @return true when this call completed the task
     */
    public final boolean completeExceptionally(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (STATUS.compareAndSet(this, NEW, RUNNING)) {
            outcome = failure;
            STATUS.setVolatile(this, EXCEPTIONAL);
            fireCallbacks();
            return true;
        }
        return false;
    }

    @Override
    public final T join() {
        if (status <= RUNNING) {
            awaitUninterruptibly();
        }
        return reportJoin();
    }

    /** Waits (helping, in a worker) until the task is done, without throwing its exception. */
    public final void quietlyJoin() {
        if (status <= RUNNING) {
            awaitUninterruptibly();
        }
    }

    @Override
    public final T get() throws InterruptedException, ExecutionException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (status <= RUNNING) {
            await(false, 0L);
        }
        return reportGet();
    }

    @Override
    public final T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long nanos = unit.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (status <= RUNNING && !await(true, nanos)) {
            throw new TimeoutException("task not done after " + timeout + " " + unit.name().toLowerCase(java.util.Locale.ROOT));
        }
        return reportGet();
    }

    /**
     * The exception the task threw, a {@link CancellationException} if it was cancelled, or null when it
     * completed normally or is not done.
     */
    public final Throwable getException() {
        int s = status;
        if (s >= CANCELLED) {
            return new CancellationException();
        }
        return s == EXCEPTIONAL ? (Throwable) outcome : null;
    }

    /**
     * The result of a normally completed task, or null. Like {@link java.util.concurrent.ForkJoinTask#getRawResult()}.
     */
    @SuppressWarnings("unchecked")
    public final T getRawResult() {
        return status == NORMAL ? (T) outcome : null;
    }

    /**
     * Runs {@code action} once the task is done (completed, failed or cancelled): immediately in the calling
     * thread if it is done already, else in the thread that completes it. Exceptions thrown by the action are
     * passed to the completing thread's uncaught-exception handler.
     */
    public final void whenDone(Runnable action) {
        Objects.requireNonNull(action, "action");
        Callback node = new Callback(action);
        Callback head = callbacks;
        while (head != DONE) {
            node.next = head;
            if (CALLBACKS.compareAndSet(this, head, node)) {
                if (status > RUNNING) {
                    // Raced with completion: whichever of us claims the node first runs it.
                    fireCallbacks();
                }
                return;
            }
            head = callbacks;
        }
        node.runOnce();
    }

    @Override
    public final CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        whenDone(() -> {
            int s = status;
            if (s == NORMAL) {
                @SuppressWarnings("unchecked") T value = (T) outcome;
                cf.complete(value);
            } else if (s == EXCEPTIONAL) {
                cf.completeExceptionally((Throwable) outcome);
            } else {
                cf.cancel(false);
            }
        });
        return cf;
    }

    private void fireCallbacks() {
        if (callbacks == null) {
            // Fast path for the common fork/join task nobody waits on. Safe: an adder that pushes after this
            // volatile read also re-reads status (already final) and fires the callbacks itself.
            return;
        }
        Callback head = (Callback) CALLBACKS.getAndSet(this, DONE);
        for (Callback c = head; c != null && c != DONE; c = c.next) {
            c.runOnce();
        }
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                await(false, 0L);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until done; helps when the caller is a worker.
     *
     * @return false on timeout
     */
    private boolean await(boolean timed, long nanos) throws InterruptedException {
        if (Thread.currentThread() instanceof SchedulerWorker worker) {
            return worker.awaitDone(this, timed, nanos);
        }
        return awaitBlocking(timed, nanos);
    }

    /**
     * Parks the calling thread until the task is done, without helping. Schedulers call this when they have
     * nothing left to help with.
     *
     * @param timed whether {@code nanos} bounds the wait
     * @param nanos the longest wait when timed
     * @return false on timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public final boolean awaitBlocking(boolean timed, long nanos) throws InterruptedException {
        if (status > RUNNING) {
            return true;
        }
        Thread me = Thread.currentThread();
        whenDone(() -> LockSupport.unpark(me));
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        while (status <= RUNNING) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (timed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private T reportJoin() {
        int s = status;
        if (s == NORMAL) {
            return (T) outcome;
        }
        if (s >= CANCELLED) {
            throw new CancellationException("task was cancelled");
        }
        Throwable t = (Throwable) outcome;
        if (t instanceof CompletionException ce) {
            // A join inside this task failed: keep one wrapper, as CompletableFuture does, so that
            // getCause() is the original exception however deep the fork/join nesting.
            throw ce;
        }
        throw new CompletionException(t);
    }

    @SuppressWarnings("unchecked")
    private T reportGet() throws ExecutionException {
        int s = status;
        if (s == NORMAL) {
            return (T) outcome;
        }
        if (s >= CANCELLED) {
            throw new CancellationException("task was cancelled");
        }
        Throwable t = (Throwable) outcome;
        if (t instanceof CompletionException ce && ce.getCause() != null) {
            t = ce.getCause(); // as CompletableFuture.get(): the wrapper of a nested join is not the failure
        }
        throw new ExecutionException(t);
    }

    @Override
    public String toString() {
        int s = status;
        String state = switch (s) {
            case NEW -> "new";
            case RUNNING -> "running";
            case NORMAL -> "completed normally";
            case EXCEPTIONAL -> "completed exceptionally: " + outcome;
            default -> "cancelled";
        };
        return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this))
                + "[" + state + ", " + priority() + "]";
    }

    /** One completion callback; claimed by CAS so it runs exactly once. */
    private static final class Callback {
        private static final VarHandle CLAIMED;

        static {
            try {
                CLAIMED = MethodHandles.lookup().findVarHandle(Callback.class, "claimed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Runnable action;
        Callback next;
        private volatile boolean claimed;

        Callback(Runnable action) {
            this.action = action;
        }

        void runOnce() {
            if (!claimed && CLAIMED.compareAndSet(this, false, true)) {
                try {
                    action.run();
                } catch (Throwable t) {
                    Thread me = Thread.currentThread();
                    me.getUncaughtExceptionHandler().uncaughtException(me, t);
                }
            }
        }
    }
}
