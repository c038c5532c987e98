package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.PoolStats;
import dev.weft.Priority;
import dev.weft.SaturationPolicy;
import dev.weft.TaskHandle;
import dev.weft.WeftPool;
import dev.weft.WeftTask;
import dev.weft.core.jfr.PoolEvents;
import dev.weft.spi.AffinityException;
import dev.weft.spi.ThreadAffinity;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Weft's work-stealing pool.
 *
 * <h2>Implementation notes</h2>
 * This class is the front: it turns submissions into {@link WeftTask}s, places them, and runs the lifecycle.
 * The parts: {@link RunControl} (run state and in-flight submitters in one protocol), {@link ExternalQueues}
 * (per node, priority and stripe, optionally bounded), {@link Workers} (threads, idle/park protocol,
 * compensation), {@link WorkerThread} (the duty cycle, stealing, helping joins), {@link Dependencies},
 * {@link ParallelFor}, {@link Invocations}.
 * <p>
 * <b>Where a task goes.</b> Forks, and submissions without a node hint made by this pool's own workers, go to
 * the worker's own deque of the task's priority. Everything else goes to an external queue: the hinted node's
 * (or the nearest node with workers), else the submitting thread's sticky node (the node of the CPU it first
 * submitted from when the affinity can tell, else round robin on its first submission), in the thread's stripe.
 * <p>
 * <b>Lifecycle.</b> As {@link java.util.concurrent.ThreadPoolExecutor}: RUNNING, SHUTDOWN (queued tasks still
 * run, submissions are rejected; workers end once nothing is queued, pending or in flight), STOP (submitters are
 * waited for, then every queue, deque and pending dependent is drained into the list {@code shutdownNow()}
 * returns and the workers are interrupted; a worker ends after its current task and cancels whatever was forked
 * after the drain), TERMINATED (no live worker). A worker that dies of a Throwable escaping the scheduler is
 * replaced on the same slot unless the pool stops.
 * <p>
 * <b>Observability.</b> Lifecycle points (pool start and termination, worker start and end, binding, rejection)
 * call {@link PoolEvents}, which costs a volatile read while Flight Recorder is off; nothing on the per-task path
 * does. The MXBean is registered before the first worker starts and unregistered by {@link RunControl}'s
 * termination hook, which runs before {@code awaitTermination} can return true.
 */
final class WorkStealingPool implements WeftPool {

    private static final System.Logger LOG = System.getLogger("dev.weft.core");
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final PoolConfig config;
    private final String name;
    private final String threadNamePrefix;
    private final Topology topology;
    private final Placement placement;
    private final ThreadAffinity affinity;
    private final CpuSet allowed;
    private final RunControl run;
    private final ExternalQueues queues;
    private final Workers workers;
    private final Dependencies dependencies;
    private final ThreadLocal<int[]> stickyNode;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicBoolean bindFailureLogged = new AtomicBoolean();
    private final LongAdder externalSubmitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder callerRuns = new LongAdder();
    private final LongAdder workerDeaths = new LongAdder();
    /** Set once shutdownNow() has drained every worker's deque (its tasks are returned, not cancelled). */
    private volatile boolean stopDrained;
    private final long saturationNanos;
    private final long createdNanos = System.nanoTime();
    /** The registered MXBean, or null; set before the workers start (Thread.start publishes it to them). */
    private final PoolMXBeanImpl mxBean;

    WorkStealingPool(PoolConfig config, Topology topology, ThreadAffinity affinity, int parallelism) {
        this.config = config;
        this.name = config.name().orElseGet(() -> "pool-" + POOL_IDS.incrementAndGet());
        this.threadNamePrefix = config.threadNamePrefix() != null ? config.threadNamePrefix() : "weft-" + name + "-";
        this.topology = topology;
        this.placement = new Placement(topology);
        this.affinity = affinity;
        // The process's allowed CPUs, captured now: workers and spares are bound inside this set, never to the pin of
        // whichever thread happens to create them.
        this.allowed = affinity.isSupported() ? affinity.allowedCpus() : null;
        // Stripes per node and priority: enough that a node's workers rarely meet in one queue, few enough that an
        // idle scan stays short (a power of two, at most 4).
        int perNode = (parallelism + placement.nodeCount() - 1) / placement.nodeCount();
        int stripes = Math.min(4, Integer.highestOneBit(Math.max(1, perNode * 2 - 1)));
        this.run = new RunControl(16, this::terminated);
        this.queues = new ExternalQueues(placement.nodeCount(), stripes, config.queueCapacity());
        this.saturationNanos = ExternalQueues.toNanos(config.saturationTimeout());
        this.dependencies = new Dependencies(this);
        this.stickyNode = placement.nodeCount() > 1 ? ThreadLocal.withInitial(() -> new int[] {-1}) : null;
        this.workers = new Workers(this, placement, parallelism, config.maxThreadsFor(parallelism),
                ExternalQueues.toNanos(config.keepAlive()), config.affinityMode(), allowed);
        // Registered before any thread starts, so that a refused (duplicate) name leaves nothing running.
        this.mxBean = config.registerMXBean() ? PoolMXBeanImpl.register(this) : null;
        PoolEvents.poolStarted(this, workers.maxThreads(), config.affinityMode().name());
        workers.start();
    }

    // ---------------------------------------------------------------- accessors for the parts

    PoolConfig config() {
        return config;
    }

    String threadNamePrefix() {
        return threadNamePrefix;
    }

    Placement placement() {
        return placement;
    }

    ExternalQueues queues() {
        return queues;
    }

    RunControl runControl() {
        return run;
    }

    Workers workers() {
        return workers;
    }

    int runState() {
        return run.state();
    }

    // ---------------------------------------------------------------- submission

    @Override
    public <T> TaskHandle<T> submit(Callable<T> task) {
        return enqueue(new Tasks.CallableTask<>(task, null), ANY_NODE);
    }

    @Override
    public TaskHandle<?> submit(Runnable task) {
        return enqueue(new Tasks.RunnableTask<Void>(task, null, null), ANY_NODE);
    }

    @Override
    public <T> TaskHandle<T> submit(Runnable task, T result) {
        return enqueue(new Tasks.RunnableTask<>(task, result, null), ANY_NODE);
    }

    @Override
    public <T> TaskHandle<T> submit(Callable<T> task, Priority priority) {
        return enqueue(new Tasks.CallableTask<>(task, Objects.requireNonNull(priority, "priority")), ANY_NODE);
    }

    @Override
    public TaskHandle<?> submit(Runnable task, Priority priority) {
        return enqueue(new Tasks.RunnableTask<Void>(task, null, Objects.requireNonNull(priority, "priority")), ANY_NODE);
    }

    @Override
    public <T> TaskHandle<T> submit(Callable<T> task, Priority priority, int node) {
        if (node != ANY_NODE && !topology.hasNode(node)) {
            throw new IllegalArgumentException("node = " + node + " is not a NUMA node of pool " + name
                    + ": allowed " + topology.nodes().stream().map(n -> String.valueOf(n.id())).toList()
                    + " or WeftPool.ANY_NODE (-1)");
        }
        return enqueue(new Tasks.CallableTask<>(task, Objects.requireNonNull(priority, "priority")), node);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (task instanceof WeftTask<?> wt) {
            enqueue(wt, ANY_NODE);
        } else {
            enqueue(new Tasks.ExecuteTask(task, null, this), ANY_NODE);
        }
    }

    @Override
    public void execute(Runnable task, Priority priority) {
        enqueue(new Tasks.ExecuteTask(task, Objects.requireNonNull(priority, "priority"), this), ANY_NODE);
    }

    @Override
    public <T> WeftTask<T> submit(WeftTask<T> task) {
        return enqueue(Objects.requireNonNull(task, "task"), ANY_NODE);
    }

    @Override
    public <T> TaskHandle<T> submitAfter(Callable<T> task, List<? extends TaskHandle<?>> dependencies) {
        return submitAfter(task, Priority.NORMAL, dependencies);
    }

    @Override
    public <T> TaskHandle<T> submitAfter(Callable<T> task, Priority priority, List<? extends TaskHandle<?>> deps) {
        return dependencies.submitAfter(task, priority, deps);
    }

    @Override
    public <T> TaskHandle<T> fork(Callable<T> task) {
        WorkerThread w = currentWorker();
        if (w != null) {
            Tasks.CallableTask<T> t = new Tasks.CallableTask<>(task, null, false);
            w.fork(t);
            return t;
        }
        return submit(task);
    }

    /** This pool's worker running the caller, or null. */
    private WorkerThread currentWorker() {
        return Thread.currentThread() instanceof WorkerThread w && w.pool == this ? w : null;
    }

    /**
     * Places a task: the submitting worker's own deque, or an external queue (with the bound and saturation
     * policy). Runs the in-flight protocol of {@link RunControl} around the enqueue.
     */
    private <T extends WeftTask<?>> T enqueue(T task, int nodeHint) {
        Thread me = Thread.currentThread();
        int stripe = ExternalQueues.stripeOf(me);
        if (nodeHint == ANY_NODE && me instanceof WorkerThread w && w.pool == this) {
            if (!run.enterExternal(stripe)) {
                throw rejectClosed(task);
            }
            try {
                task.inheritPriority(Priority.NORMAL);
                w.push(task);
                w.slot.countSubmitted();
            } finally {
                left(stripe);
            }
            return task;
        }
        int node = chooseNode(nodeHint, me);
        int p = task.priority().ordinal();
        if (queues.bounded() && !reserve(task)) {
            return task;
        }
        if (!run.enterExternal(stripe)) {
            if (queues.bounded()) {
                queues.release();
            }
            throw rejectClosed(task);
        }
        try {
            queues.offer(node, p, stripe, task);
        } finally {
            left(stripe);
        }
        externalSubmitted.increment();
        workers.signalIfIdle(node);
        return task;
    }

    private void left(int stripe) {
        if (run.exit(stripe)) {
            // Shutting down: a worker may be waiting for the last submitter to leave before it can end.
            workers.wakeAll();
            tryTerminate();
        }
    }

    /**
     * Reserves a place in the bounded external queue. False when the task was run in the caller instead
     * (CALLER_RUNS); throws when it is rejected.
     */
    private boolean reserve(WeftTask<?> task) {
        if (queues.tryReserve()) {
            return true;
        }
        SaturationPolicy policy = config.saturationPolicy();
        if (run.state() != RunControl.RUNNING) {
            throw rejectClosed(task);
        }
        switch (policy) {
            case CALLER_RUNS -> {
                callerRuns.increment();
                task.run();
                return false;
            }
            case BLOCK -> {
                boolean got;
                try {
                    got = queues.awaitReservation(saturationNanos, () -> run.state() == RunControl.RUNNING);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw reject(task, "interrupted",
                            "the submitting thread was interrupted while waiting for room in the queue");
                }
                if (!got) {
                    if (run.state() != RunControl.RUNNING) {
                        throw rejectClosed(task);
                    }
                    throw reject(task, "timeout", "the queue stayed full (queueCapacity = " + queues.capacity()
                            + ") for saturationTimeout = " + config.saturationTimeout());
                }
                return true;
            }
            default -> throw reject(task, "queue full",
                    "the queue is full (queueCapacity = " + queues.capacity() + ")");
        }
    }

    private RejectedExecutionException rejectClosed(WeftTask<?> task) {
        return reject(task, "shutdown", "it is " + RunControl.name(run.state()).toLowerCase(java.util.Locale.ROOT));
    }

    /** @param reason the JFR event's reason: shutdown, queue full, timeout or interrupted */
    private RejectedExecutionException reject(WeftTask<?> task, String reason, String why) {
        rejected.increment();
        if (run.state() >= RunControl.SHUTDOWN) {
            // A refused enter may have been counted for a moment (see RunControl.enterExternal).
            workers.wakeAll();
            tryTerminate();
        }
        RejectedExecutionException e = new RejectedExecutionException("task " + task + " rejected from pool " + name
                + ": " + why);
        PoolEvents.taskRejected(name, reason, task.priority(), e.getMessage());
        return e;
    }

    private int chooseNode(int nodeHint, Thread me) {
        if (nodeHint != ANY_NODE) {
            return placement.serving(placement.indexOf(nodeHint));
        }
        if (stickyNode == null) {
            return 0;
        }
        if (me instanceof WorkerThread w && w.pool == this) {
            return w.node;
        }
        int[] cell = stickyNode.get();
        if (cell[0] < 0) {
            int chosen = -1;
            if (affinity.isSupported()) {
                int cpu = affinity.currentCpu();
                if (cpu >= 0) {
                    chosen = topology.cpu(cpu).map(c -> placement.serving(placement.indexOf(c.node()))).orElse(-1);
                }
            }
            if (chosen < 0) {
                chosen = placement.serving(Math.floorMod(roundRobin.getAndIncrement(), placement.nodeCount()));
            }
            cell[0] = chosen;
        }
        return cell[0];
    }

    // ---------------------------------------------------------------- dependents (called by Dependencies)

    /** Registers a new dependent as pending, under the external-submitter protocol. */
    void admitPending(WeftTask<?> task, Set<WeftTask<?>> pending) {
        int stripe = ExternalQueues.stripeOf(Thread.currentThread());
        if (!run.enterExternal(stripe)) {
            throw rejectClosed(task);
        }
        try {
            pending.add(task);
        } finally {
            left(stripe);
        }
        externalSubmitted.increment();
    }

    /** Enqueues a dependent whose dependencies all completed (unless the pool stops: shutdownNow returns it). */
    void releaseDependent(WeftTask<?> task, Set<WeftTask<?>> pending) {
        Thread me = Thread.currentThread();
        int stripe = ExternalQueues.stripeOf(me);
        if (!run.enterInternal(stripe)) {
            tryTerminate(); // stopping: shutdownNow() returns the task; see RunControl.enterExternal for why
            return;
        }
        try {
            if (me instanceof WorkerThread w && w.pool == this) {
                w.push(task);
            } else {
                int node = chooseNode(ANY_NODE, me);
                queues.offer(node, task.priority().ordinal(), stripe, task);
                workers.signalIfIdle(node);
            }
            pending.remove(task);
        } finally {
            left(stripe);
        }
        pendingLeft();
    }

    /** A dependent left the pending set; a shut-down pool may now be able to finish. */
    void pendingLeft() {
        if (run.state() >= RunControl.SHUTDOWN && dependencies.isEmpty()) {
            workers.wakeAll();
            tryTerminate();
        }
    }

    // ---------------------------------------------------------------- workers' callbacks

    void reportUncaught(Throwable failure) {
        Thread me = Thread.currentThread();
        Thread.UncaughtExceptionHandler h = config.uncaughtExceptionHandler().orElse(me.getUncaughtExceptionHandler());
        try {
            h.uncaughtException(me, failure);
        } catch (Throwable handlerFailure) {
            LOG.log(Level.WARNING, "the uncaught-exception handler of pool " + name + " threw", handlerFailure);
        }
    }

    /**
     * Binds a starting worker to its CPUs; a failure is logged once per pool (and recorded as a JFR event each
     * time) and the worker runs unpinned.
     */
    void bindWorker(WorkerThread w) {
        CpuSet mask = w.slot.cpus;
        if (mask == null) {
            return;
        }
        try {
            if (config.affinityMode() == dev.weft.AffinityMode.NONE && mask.equals(affinity.currentThreadCpus())) {
                return;
            }
            affinity.bindCurrentThread(mask);
            PoolEvents.affinityBound(name, w.slot.index, w.nodeId(), mask);
        } catch (RuntimeException e) {
            PoolEvents.affinityFailed(name, w.slot.index, w.nodeId(), mask, String.valueOf(e.getMessage()),
                    e instanceof AffinityException a ? a.errno() : -1);
            if (bindFailureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "pool " + name + ": could not bind worker " + w.getName() + " to CPUs "
                        + mask.toList() + "; workers run unpinned: " + e.getMessage());
            }
        }
    }

    /** True when a worker of a shut-down pool may end: nothing in flight, pending or visible. */
    boolean quiescentForExit(WorkerThread w) {
        // Order matters: in-flight submitters, then pending dependents, then the queues (see Dependencies).
        return run.inflightTotal() == 0 && dependencies.isEmpty() && !w.anyWorkVisible();
    }

    void workerEnded(WorkerThread w, boolean retired, Throwable death) {
        PoolEvents.workerStopped(name, w.slot.index, w.nodeId(), w.spare, retired ? "retired"
                : death != null ? "died: " + death : run.state() >= RunControl.STOP ? "shutdownNow" : "shutdown",
                w.slot.tasksRun());
        if (retired) {
            workers.retired(w.slot);
        } else if (death != null && run.state() < RunControl.STOP) {
            workerDeaths.increment();
            LOG.log(Level.WARNING, "pool " + name + ": worker " + w.getName() + " died and is replaced", death);
            workers.replace(w.slot, w.spare);
            return;
        } else {
            if (run.state() >= RunControl.STOP) {
                // A worker's deque may hold external tasks it took in a batch before the stop: shutdownNow()
                // returns those, so only what is left after its drain (forks made since) is cancelled here.
                RunControl.spinUntil(() -> stopDrained);
                w.cancelLeftovers();
            }
            workers.ended(w.slot);
            workers.wakeAll();
        }
        tryTerminate();
    }

    long workerDeaths() {
        return workerDeaths.sum();
    }

    /** Run once by the thread that terminates the pool, before awaitTermination returns true. */
    private void terminated() {
        if (mxBean != null) {
            mxBean.unregister();
        }
        PoolEvents.poolClosed(this, System.nanoTime() - createdNanos);
    }

    private void tryTerminate() {
        int s = run.state();
        if (s < RunControl.SHUTDOWN || s == RunControl.TERMINATED) {
            return;
        }
        if (workers.live() != 0 || run.inflightTotal() != 0) {
            return;
        }
        if (s == RunControl.SHUTDOWN && !dependencies.isEmpty()) {
            return;
        }
        run.advanceTo(RunControl.TERMINATED);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void shutdown() {
        run.advanceTo(RunControl.SHUTDOWN);
        queues.wakeBlockedSubmitters();
        workers.wakeAll();
        tryTerminate();
    }

    @Override
    public List<Runnable> shutdownNow() {
        run.advanceTo(RunControl.STOP);
        List<Runnable> out = new ArrayList<>();
        List<WeftTask<?>> drained = new ArrayList<>();
        try {
            queues.wakeBlockedSubmitters();
            run.awaitNoSubmitters();
            dependencies.drainTo(out);
            queues.drainTo(drained);
            for (WorkerSlot s : workers.slots()) {
                // A worker moving a batch from the queue into its deque finishes first (WorkerThread.takeExternal).
                RunControl.spinUntil(() -> !s.transferring);
                for (int p = ExternalQueues.PRIORITIES - 1; p >= 0; p--) {
                    s.deques[p].drainTo(drained);
                }
            }
        } finally {
            stopDrained = true; // even on an Error: workers ending in STOP wait for it
        }
        for (WeftTask<?> t : drained) {
            out.add(t instanceof Tasks.ExecuteTask e ? e.runnable : t);
        }
        workers.interruptAll();
        workers.wakeAll();
        tryTerminate();
        return out;
    }

    @Override
    public boolean isShutdown() {
        return run.state() >= RunControl.SHUTDOWN;
    }

    @Override
    public boolean isTerminated() {
        return run.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return run.awaitTermination(timeout, unit);
    }

    @Override
    public void close() {
        if (currentWorker() != null) {
            shutdown();
            return;
        }
        boolean terminated = isTerminated();
        if (!terminated) {
            shutdown();
            boolean interrupted = false;
            while (!terminated) {
                try {
                    terminated = awaitTermination(1L, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        shutdownNow();
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- invoking

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return Invocations.invokeAll(this, tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return Invocations.invokeAll(this, tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return Invocations.invokeAny(this, tasks, false, 0L);
        } catch (TimeoutException e) {
            throw new AssertionError("untimed invokeAny timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Invocations.invokeAny(this, tasks, true, unit.toNanos(timeout));
    }

    @Override
    public <T> T invoke(Callable<T> task) {
        WorkerThread w = currentWorker();
        if (w == null) {
            return submit(task).join();
        }
        Tasks.CallableTask<T> t = new Tasks.CallableTask<>(task, null);
        t.inheritPriority(Priority.NORMAL);
        w.slot.countSubmitted();
        w.runTask(t);
        return t.join();
    }

    @Override
    public <T> T invoke(WeftTask<T> task) {
        Objects.requireNonNull(task, "task");
        WorkerThread w = currentWorker();
        if (w == null) {
            return submit(task).join();
        }
        w.slot.countSubmitted();
        w.runTask(task);
        return task.join();
    }

    @Override
    public void parallelFor(int from, int to, IntConsumer body) {
        Objects.requireNonNull(body, "body");
        if (from > to) {
            throw new IllegalArgumentException("parallelFor(from = " + from + ", to = " + to + "): allowed from <= to");
        }
        if (from == to) {
            return;
        }
        ParallelFor root = ParallelFor.root(from, to, workers.parallelism(), body);
        invoke(root);
        root.rethrow();
    }

    // ---------------------------------------------------------------- sizing, quiescence, stats

    @Override
    public int parallelism() {
        return workers.parallelism();
    }

    @Override
    public void setParallelism(int parallelism) {
        if (parallelism < 1 || parallelism > PoolConfig.MAX_THREADS) {
            throw new IllegalArgumentException("parallelism = " + parallelism + " is invalid: allowed 1.."
                    + PoolConfig.MAX_THREADS);
        }
        if (run.state() >= RunControl.SHUTDOWN) {
            return;
        }
        workers.setParallelism(parallelism, config.maxThreadsFor(parallelism));
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean awaitQuiescence(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        WorkerThread w = currentWorker();
        if (w != null) {
            return w.helpQuiesce(deadline);
        }
        long backoff = 1_000L;
        while (!workers.isQuiescent(queues, run)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, backoff));
            backoff = Math.min(backoff * 2, 1_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PoolStats stats() {
        long completed = 0;
        long failed = 0;
        long cancelled = 0;
        long same = 0;
        long other = 0;
        long parks = 0;
        long submitted = externalSubmitted.sum();
        long queued = queues.size();
        int active = 0;
        WorkerSlot[] slots = workers.slots();
        List<Long> perWorker = new ArrayList<>(slots.length);
        for (WorkerSlot s : slots) {
            long r = s.tasksRun();
            perWorker.add(r);
            completed += r;
            failed += s.failed();
            cancelled += s.cancelled();
            same += s.sameNodeSteals();
            other += s.otherNodeSteals();
            parks += s.parks();
            submitted += s.submitted();
            queued += s.queued();
            if (s.running()) {
                active++;
            }
        }
        return new PoolStats(submitted, completed, failed, cancelled, rejected.sum(), callerRuns.sum(), same, other,
                parks, perWorker, workers.live(), active, queued, workers.parallelism());
    }

    @Override
    public String toString() {
        return "WorkStealingPool[" + name + ", " + RunControl.name(run.state()) + ", parallelism = "
                + workers.parallelism() + ", threads = " + workers.live() + ", queued = " + queues.size() + "]";
    }
}
