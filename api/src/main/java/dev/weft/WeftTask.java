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
 * <b>States</b> follow {@link java.util.concurrent.FutureTask}: {@code NEW -> RUNNING -> COMPLETING -> NORMAL |
 * EXCEPTIONAL}, {@code NEW | RUNNING -> CANCELLED}, and {@code NEW | RUNNING -> INTERRUPTING -> INTERRUPTED} for
 * {@code cancel(true)}. {@link #run()} starts a task only by the CAS {@code NEW -> RUNNING}, so it starts at most
 * once however many threads call it. A cancelled running task keeps running to its end but its outcome is
 * dropped.
 * <p>
 * <b>Fork/join tasks</b> (constructed with {@code cancelInterrupts = false}, as {@link WeftRecursiveTask} and
 * {@link WeftRecursiveAction} are) skip the claim when a scheduler runs them through {@link #runTaken()}: the
 * queue the scheduler took the task from already gave it to exactly one thread, so the task runs while still
 * {@code NEW} and completes by the CAS {@code NEW -> COMPLETING}. That saves one atomic read-modify-write per
 * task, which is most of the difference to {@code ForkJoinTask} in fine-grained fork/join code. What it gives up
 * is what {@code ForkJoinTask} never had: {@code cancel(true)} cannot interrupt such a task (nobody knows its
 * thread), and a cancel or {@code complete} that lands while it runs wins, the run's outcome being dropped.
 * <p>
 * <b>Memory ordering.</b> While a claimed task runs, {@code outcome} holds its runner thread, stored (release)
 * right after the claiming CAS: a {@code cancel(true)} that wins {@code RUNNING -> INTERRUPTING} waits until it
 * sees it. Nothing else moves a task to {@code RUNNING} ({@code complete} goes through {@code COMPLETING}), and
 * the runner overwrites {@code outcome} only after winning {@code RUNNING -> COMPLETING}, which that cancel
 * prevents, so the canceller reads a thread, never a result. The result or exception is
 * written after the CAS to {@code COMPLETING} and before the release store of the final state, and read only
 * after a volatile read sees a final state. {@code COMPLETING} lasts a few instructions; readers treat it as
 * not done.
 * <p>
 * <b>Completion callbacks</b> (waiting threads, dependents, {@link #toCompletableFuture()}) live on a Treiber
 * stack. The completer CASes the state to {@code COMPLETING} and then reads the stack; an adder CASes its node
 * onto the stack and then reads the state. Each side's read follows its own locked read-modify-write, so at
 * least one of them sees the other (Dekker): the completer fires the node, or the adder sees {@code COMPLETING}
 * or later, waits the few instructions until the state is final, and fires the stack itself. Each node is
 * claimed by CAS so it runs exactly once whichever side fires it.
 * <p>
 * <b>Interrupts.</b> After a task ends, a runner whose task is being interrupted by {@code cancel(true)} waits
 * until the interrupt has been delivered and then clears it, so the interrupt can never leak into the next task
 * the thread runs (the race {@code FutureTask.handlePossibleCancellationInterrupt} closes).
 * <p>
 * <b>Size.</b> Two byte fields and two references: a task object with two int fields of its own is 32 bytes
 * (compressed oops), as a {@code RecursiveTask} of the same shape is; fine-grained fork/join code allocates one
 * per task.
 *
 * @param <T> the result type
 */
public abstract class WeftTask<T> implements TaskHandle<T>, RunnableFuture<T> {

    private static final byte NEW = 0;
    private static final byte RUNNING = 1;
    private static final byte COMPLETING = 2;
    private static final byte NORMAL = 3;
    private static final byte EXCEPTIONAL = 4;
    private static final byte CANCELLED = 5;
    private static final byte INTERRUPTING = 6;
    private static final byte INTERRUPTED = 7;

    /** In {@code mode}: the priority's ordinal + 1, or 0 while none was chosen. */
    private static final int PRIORITY_MASK = 0b011;
    /** In {@code mode}: a fork/join task, see the class notes. */
    private static final int FORK_JOIN = 0b100;

    private static final Callback DONE = new Callback(null);

    private static final VarHandle STATUS;
    private static final VarHandle CALLBACKS;
    private static final VarHandle OUTCOME;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(WeftTask.class, "status", byte.class);
            CALLBACKS = l.findVarHandle(WeftTask.class, "callbacks", Callback.class);
            OUTCOME = l.findVarHandle(WeftTask.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile byte status;
    /**
     * Priority and kind; written only before the task is published to a queue (by its constructor,
     * {@link #withPriority} or {@link #inheritPriority}), so the queue's publication orders it.
     */
    private byte mode;
    /** The runner thread while a claimed task runs; then the result or the Throwable (see the class notes). */
    private Object outcome;
    private volatile Callback callbacks;

    /**
     * Creates a new, not yet started task whose {@code cancel(true)} interrupts the thread running it, as
     * {@link java.util.concurrent.FutureTask}'s does.
     */
    protected WeftTask() {
    }

    /**
     * Creates a new, not yet started task.
     *
     * @param cancelInterrupts true for {@link java.util.concurrent.FutureTask}'s {@code cancel(true)}, which
     *                         interrupts the running thread; false for a fork/join task, whose
     *                         {@code cancel(true)} does not interrupt (as {@code ForkJoinTask}'s does not) and
     *                         which a worker runs with one atomic operation less (see the class notes)
     */
    protected WeftTask(boolean cancelInterrupts) {
        if (!cancelInterrupts) {
            mode = FORK_JOIN;
        }
    }

    /**
     * Computes the result. Called once, by the thread that starts the task.
     *
     * @throws Exception to complete the task exceptionally
     */
    protected abstract T call() throws Exception;

    /**
     * Runs the task if it has not started and was not cancelled; otherwise does nothing. Any thread may call
     * it, any number of times: the task starts at most once. Schedulers call {@link #runTaken()} instead; user
     * code calls {@link #invoke()} or submits the task.
     */
    @Override
    public final void run() {
        runClaimed();
    }

    /** {@link #run()}; true when this call ran the task and completed it normally. */
    private boolean runClaimed() {
        if (status != NEW || !STATUS.compareAndSet(this, NEW, RUNNING)) {
            return false;
        }
        // For a cancel(true) that wins RUNNING -> INTERRUPTING, which waits for it (see awaitRunner).
        OUTCOME.setRelease(this, Thread.currentThread());
        Object result = callCapturing();
        if (STATUS.compareAndSet(this, RUNNING, COMPLETING)) {
            return finish(result);
        }
        awaitCancellationInterrupt();
        outcome = null; // drop the runner thread; the canceller has read it by now
        return false;
    }

    /**
     * Runs a task that the calling scheduler has just taken from one of its own queues, which gave it to this
     * thread alone; does nothing if it is done or cancelled. A fork/join task (see
     * {@link #WeftTask(boolean)}) then starts without the claiming CAS of {@link #run()}; any other task runs
     * as {@link #run()} runs it. Only schedulers call this, and only for a task they took exclusively: a task
     * that another thread may start at the same time must be started with {@link #run()}.
     *
     * @return true when this call ran the task and completed it normally (so the scheduler need not read the
     *         state again to count the common case); false when it failed, was not started, or was cancelled
     *         or completed by someone else meanwhile
     */
    public final boolean runTaken() {
        if ((mode & FORK_JOIN) == 0) {
            return runClaimed();
        }
        if (status != NEW) {
            return false;
        }
        // Written out rather than through callCapturing/finish: fork/join code runs this deep inside recursive
        // task code, where every wrapper method spends one level of HotSpot's inlining depth budget.
        Object result;
        byte end;
        try {
            result = call();
            end = NORMAL;
        } catch (Throwable t) {
            result = t;
            end = EXCEPTIONAL;
        }
        // Lost only to a cancel or complete that landed while the task ran: its outcome is then theirs.
        if (!STATUS.compareAndSet(this, NEW, COMPLETING)) {
            return false;
        }
        outcome = result;
        STATUS.setRelease(this, end); // orders the outcome before the state; readers acquire the state
        if (callbacks != null) {
            fireCallbacks();
        }
        return end == NORMAL;
    }

    /** Calls {@link #call()}: its result, or its exception wrapped in a {@link Thrown}. */
    private Object callCapturing() {
        try {
            return call();
        } catch (Throwable t) {
            return new Thrown(t);
        }
    }

    /**
     * Completes a task this thread moved to COMPLETING with the result of {@link #callCapturing()}; true when
     * it completed normally.
     */
    private boolean finish(Object result) {
        if (result instanceof Thrown thrown) {
            finish(thrown.failure, EXCEPTIONAL);
            return false;
        }
        finish(result, NORMAL);
        return true;
    }

    /** Publishes the outcome of a task this thread moved to COMPLETING, then wakes whoever waits for it. */
    private void finish(Object result, byte end) {
        outcome = result;
        STATUS.setRelease(this, end); // orders the outcome before the state; readers acquire the state
        fireCallbacks();
    }

    /** Waits the few instructions between COMPLETING and the final state. */
    private void awaitFinalState() {
        while (status == COMPLETING) {
            Thread.onSpinWait();
        }
    }

    /**
     * The runner of a task this thread has just moved from RUNNING to INTERRUPTING: it publishes itself right
     * after its claim, so at most a few instructions' wait.
     */
    private Thread awaitRunner() {
        Object o;
        while (!((o = OUTCOME.getAcquire(this)) instanceof Thread)) {
            Thread.onSpinWait();
        }
        return (Thread) o;
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
        mode = (byte) ((mode & ~PRIORITY_MASK) | (p.ordinal() + 1));
        return this;
    }

    /**
     * Gives the task {@code p} unless a priority was chosen already. Schedulers call this when a task is
     * forked, so subtasks inherit their parent's priority.
     */
    public final void inheritPriority(Priority p) {
        int m = mode;
        if ((m & PRIORITY_MASK) == 0) {
            mode = (byte) (m | (p.ordinal() + 1));
        }
    }

    @Override
    public final Priority priority() {
        int code = mode & PRIORITY_MASK;
        return code == 0 ? Priority.NORMAL : Priority.ofOrdinal(code - 1);
    }

    /** The ordinal of {@link #priority()}, without the enum lookup; for schedulers picking a queue. */
    public final int priorityOrdinal() {
        int code = mode & PRIORITY_MASK;
        return code == 0 ? 1 : code - 1;
    }

    @Override
    public final boolean isDone() {
        return status >= NORMAL;
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
     * {@code mayInterruptIfRunning}, its thread is interrupted, unless it is a fork/join task: see
     * {@link #WeftTask(boolean)}) but its outcome is dropped.
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
                    try {
                        awaitRunner().interrupt();
                    } finally {
                        STATUS.setVolatile(this, INTERRUPTED);
                    }
                    fireCallbacks();
                    return true;
                }
            } else if (STATUS.compareAndSet(this, (byte) s, CANCELLED)) {
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
        if (STATUS.compareAndSet(this, NEW, COMPLETING)) {
            finish(value, NORMAL);
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
        if (STATUS.compareAndSet(this, NEW, COMPLETING)) {
            finish(failure, EXCEPTIONAL);
            return true;
        }
        return false;
    }

    @Override
    public final T join() {
        if (status < NORMAL) {
            awaitUninterruptibly();
        }
        return reportJoin();
    }

    /** Waits (helping, in a worker) until the task is done, without throwing its exception. */
    public final void quietlyJoin() {
        if (status < NORMAL) {
            awaitUninterruptibly();
        }
    }

    @Override
    public final T get() throws InterruptedException, ExecutionException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (status < NORMAL) {
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
        if (status < NORMAL && !await(true, nanos)) {
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
                if (status >= COMPLETING) {
                    // Raced with completion, whose completer may have read the stack before our push (see
                    // the class notes): fire it ourselves once the state is final. Each node runs once.
                    awaitFinalState();
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
        // The worker test is made here, not through await(): one call level less on the join path (see runTaken).
        SchedulerWorker worker = Thread.currentThread() instanceof SchedulerWorker w ? w : null;
        while (true) {
            try {
                if (worker != null) {
                    worker.awaitDone(this, false, 0L);
                } else {
                    awaitBlocking(false, 0L);
                }
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
        if (status >= NORMAL) {
            return true;
        }
        Thread me = Thread.currentThread();
        whenDone(() -> LockSupport.unpark(me));
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        while (status < NORMAL) {
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
            case RUNNING, COMPLETING -> "running";
            case NORMAL -> "completed normally";
            case EXCEPTIONAL -> "completed exceptionally: " + outcome;
            default -> "cancelled";
        };
        return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this))
                + "[" + state + ", " + priority() + "]";
    }

    /** An exception thrown by {@link #call()}, told apart from a result (no caller can create one). */
    private static final class Thrown {
        final Throwable failure;

        Thrown(Throwable failure) {
            this.failure = failure;
        }
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
