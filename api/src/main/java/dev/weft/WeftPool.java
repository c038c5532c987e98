package dev.weft;

import dev.weft.topology.Topology;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A work-stealing {@link ExecutorService} that knows the machine it runs on. Create one with
 * {@link Weft#newPool()} or {@link Weft#newPool(PoolConfig)}; it keeps the whole {@code ExecutorService}
 * contract, with {@link java.util.concurrent.ThreadPoolExecutor} as the reference:
 * <ul>
 *   <li><b>Lifecycle.</b> RUNNING, then SHUTDOWN ({@link #shutdown()}: queued tasks still run, new ones are
 *       rejected), STOP ({@link #shutdownNow()}: running tasks are interrupted and every task that never
 *       started is returned), TERMINATED. Every task submitted is exactly one of: started once (whatever its
 *       outcome), cancelled before it started, rejected with {@link RejectedExecutionException}, or returned
 *       by {@code shutdownNow()}.</li>
 *   <li><b>Exceptions.</b> {@code submit} failures reach {@link java.util.concurrent.Future#get()} as an
 *       {@link java.util.concurrent.ExecutionException}, {@link TaskHandle#join()} as a
 *       {@link java.util.concurrent.CompletionException}; {@code execute} failures go to the configured
 *       uncaught-exception handler (else the worker thread's).</li>
 *   <li><b>Interrupts.</b> A task never starts with its thread interrupted; a worker is interrupted only by
 *       {@code cancel(true)} of the task it runs or while the pool stops.</li>
 *   <li><b>Priorities.</b> Among the tasks a worker can see at once, it takes {@link Priority#HIGH} before
 *       {@link Priority#NORMAL} before {@link Priority#LOW}. To bound starvation, a worker that has made
 *       {@value #AGING_BOUND} picks in a row while a lower-priority task was visible takes the oldest visible
 *       lower-priority task next. The bound is per worker: a LOW task visible to one worker waits for at most
 *       {@value #AGING_BOUND} of that worker's picks. Submissions of one priority made by one thread outside
 *       the pool are started in the order they were made when one worker serves them (several workers may
 *       run them concurrently, as in any pool).</li>
 *   <li><b>Where tasks go.</b> A submission from outside the pool goes to an external queue of a NUMA node
 *       (its placement hint, else one node per submitting thread). A submission without a hint made by one of
 *       the pool's own workers, like a fork, goes to that worker's own deque, so that a task that submits
 *       subtasks and waits for them runs them itself when nobody steals them. The
 *       {@linkplain PoolConfig#queueCapacity() queue capacity} bounds the external queues only.</li>
 *   <li><b>Blocking.</b> A task that blocks through {@link Weft#managedBlock} (and a worker that has nothing
 *       left to help with while it waits for a task running elsewhere and other tasks wait) lets the pool start
 *       a spare worker when no idle worker is left to keep {@link #parallelism()} workers active, up to
 *       {@link PoolConfig#maxThreads()}; spares retire after the keep-alive. At the cap the
 *       blocker simply blocks (the pool logs it once, on logger {@code dev.weft.core}); the blocked tasks
 *       finish once whatever they wait for can run.</li>
 *   <li><b>Joining helps.</b> A worker waiting on a task runs other tasks meanwhile, so nested parallelism
 *       never deadlocks. A <em>timed</em> wait ({@code get(timeout, unit)}, timed {@code invokeAll}/{@code
 *       invokeAny}) blocks instead, so that its timeout holds; the pool adds a spare worker when work waits.</li>
 * </ul>
 */
public interface WeftPool extends ExecutorService, AutoCloseable {

    /** The placement hint meaning "any node". */
    int ANY_NODE = -1;

    /**
     * A worker takes a waiting lower-priority task after at most this many consecutive picks of
     * higher-priority tasks made while that task was visible to it.
     */
    int AGING_BOUND = 64;

    @Override
    <T> TaskHandle<T> submit(Callable<T> task);

    @Override
    TaskHandle<?> submit(Runnable task);

    @Override
    <T> TaskHandle<T> submit(Runnable task, T result);

    /** Submits a task with a priority. */
    <T> TaskHandle<T> submit(Callable<T> task, Priority priority);

    /** Submits a task with a priority. */
    TaskHandle<?> submit(Runnable task, Priority priority);

    /**
     * Submits a task with a priority and a placement hint: a worker of NUMA node {@code node} runs it when one
     * is free (others may steal it rather than let it wait).
     *
     * @param node a node id of {@link #topology()}, or {@link #ANY_NODE}
     * @throws IllegalArgumentException naming the known node ids when {@code node} is not one of them
     */
    <T> TaskHandle<T> submit(Callable<T> task, Priority priority, int node);

    /** Executes a task with a priority; if it throws, the exception goes to the uncaught-exception handler. */
    void execute(Runnable task, Priority priority);

    /**
     * Submits a (possibly user-subclassed) task object itself, for example a {@link WeftRecursiveTask}.
     *
     * @return the task
     */
    <T> WeftTask<T> submit(WeftTask<T> task);

    /**
     * Submits a task that starts only after every one of {@code dependencies} has completed normally. If one
     * of them fails or is cancelled, this task never runs and completes exceptionally with that failure (a
     * {@link java.util.concurrent.CancellationException} for a cancelled one): {@link TaskHandle#join()} throws
     * a {@link java.util.concurrent.CompletionException} and {@link TaskHandle#get()} an
     * {@link java.util.concurrent.ExecutionException} with it as the cause. Cycles cannot be built: a
     * dependency must already exist when its dependent is submitted. A dependent accepted before
     * {@link #shutdown()} still runs; {@link #shutdownNow()} returns it if it has not been queued yet.
     */
    <T> TaskHandle<T> submitAfter(Callable<T> task, List<? extends TaskHandle<?>> dependencies);

    /** {@link #submitAfter(Callable, List)} with a priority. */
    <T> TaskHandle<T> submitAfter(Callable<T> task, Priority priority, List<? extends TaskHandle<?>> dependencies);

    /**
     * From one of this pool's workers, pushes the task onto the worker's own deque (it inherits the running
     * task's priority); from any other thread, the same as {@link #submit(Callable)}. A task forked from a
     * worker is a fork/join task, as {@code ForkJoinTask.adapt(task).fork()} makes: its {@code cancel(true)}
     * does not interrupt the thread running it (see {@link WeftTask#WeftTask(boolean)}).
     */
    <T> TaskHandle<T> fork(Callable<T> task);

    /**
     * Runs the task and returns its result: in a worker of this pool, in the calling thread; elsewhere, by
     * submitting it and waiting.
     *
     * @throws java.util.concurrent.CompletionException with the cause, if it failed
     */
    <T> T invoke(Callable<T> task);

    /** Runs a fork/join task (such as a {@link WeftRecursiveTask}) in the pool and returns its result. */
    <T> T invoke(WeftTask<T> task);

    /**
     * Runs {@code body} for every index in {@code [from, to)}, split into chunks over the workers, and returns
     * when all have run. If the body throws, chunks not yet started are skipped and the call returns once the
     * running ones end: the first exception is rethrown, and exceptions of other chunks already running are
     * added to it as suppressed.
     */
    void parallelFor(int from, int to, IntConsumer body);

    /** The target number of workers. */
    int parallelism();

    /**
     * Changes the target number of workers, up or down, while the pool runs. Extra workers retire when they
     * next find no work.
     *
     * @throws IllegalArgumentException when {@code parallelism} is outside 1..{@link PoolConfig#MAX_THREADS}
     */
    void setParallelism(int parallelism);

    /** The topology this pool schedules for. */
    Topology topology();

    /** A snapshot of the pool's counters. */
    PoolStats stats();

    /** The pool's name. */
    String name();

    /**
     * Waits until no task is queued or running in this pool, or the timeout passes, like
     * {@link java.util.concurrent.ForkJoinPool#awaitQuiescence}. Called from one of the pool's workers, it
     * helps run tasks instead.
     *
     * @return true when the pool became quiet
     */
    boolean awaitQuiescence(long timeout, TimeUnit unit);

    /**
     * Shuts the pool down and waits for it to terminate, as {@code ExecutorService.close()} does in JDK 19+.
     * Idempotent. Called from one of this pool's own workers, it starts the shutdown and returns, since
     * waiting there would deadlock. If the waiting thread is interrupted, the pool is stopped with
     * {@link #shutdownNow()} and the interrupt status is restored.
     */
    @Override
    void close();
}
