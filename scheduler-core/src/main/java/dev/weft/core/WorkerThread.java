package dev.weft.core;

import dev.weft.ManagedBlocker;
import dev.weft.Priority;
import dev.weft.WeftPool;
import dev.weft.WeftTask;
import dev.weft.core.jfr.PoolEvents;
import dev.weft.spi.SchedulerWorker;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker thread: the duty cycle that picks tasks and runs them, and the helping joins and managed blocking
 * that API types reach through {@link SchedulerWorker}.
 *
 * <h2>Implementation notes</h2>
 * <b>Picking.</b> Among the tasks a worker sees at once (its own deques, its node's external queues) it takes
 * the highest priority first, its own deque (LIFO) before the external queue (FIFO) among equals. With nothing
 * local it steals: random victims of its own node (HIGH, then NORMAL, then LOW deque of each), then, node by
 * node in order of distance, that node's external queues (only when none of that node's workers is free to take
 * them: it wakes one instead) and its workers' deques. From its own node's external queue it takes a burst
 * (up to {@link #EXTERNAL_BATCH} tasks, one CAS; one task when the queue is bounded, whose places are counted
 * until a task leaves the queue) and pushes all but the first onto its deque, the oldest at its own end: they
 * still run in submission order, idle workers can steal them, and {@code shutdownNow()} drains them from there
 * (it waits for a worker in the middle of such a move: {@link WorkerSlot#transferring}).
 * <p>
 * <b>Aging.</b> {@code aging} counts consecutive local picks made while a lower-priority task was visible; at
 * {@link WeftPool#AGING_BOUND} the next pick is the oldest visible task of the lowest visible priority (its own
 * deque's bottom, where batched external tasks are oldest, else the external queue's head). So a LOW task visible
 * to a worker waits at most AGING_BOUND of that worker's picks.
 * <p>
 * <b>Idle.</b> A worker that finds nothing becomes a searcher: it re-scans with {@code onSpinWait} a few times
 * ({@link #SPINS}: each re-scan reads every queue, so a long spin costs a nearly idle pool more CPU than the
 * park it avoids: under a trickle of one task per millisecond (IdleCpuBenchmark, 2 forks) 64 re-scans measured
 * 2.5 x ForkJoinPool's worker CPU, 16 re-scans 1.4 x, 4 re-scans 0.94 x and 2 re-scans 0.99 x, while wake-up,
 * steal, ping-pong and fib times did not move beyond their noise between 16 and 2), then parks. It never calls {@code Thread.yield()}: on Linux 6.x (EEVDF) a thread that yielded just before
 * parking was measured to start 0.8 ms after its unpark when the waker kept its CPU busy, against 20-40 us
 * without the yield (the protocol is in {@link Workers}). When too many workers search already it
 * skips the spinning. A park has a timeout of the keep-alive, after which a worker the pool does not need
 * (running above parallelism) retires.
 * <p>
 * <b>Interrupts.</b> A worker clears its interrupt status before it starts each top-level task: the only
 * interrupts aimed at a worker are {@code cancel(true)} of the task it runs (which {@link WeftTask} clears
 * itself) and {@code shutdownNow()}, aimed at the task running when the pool stopped, not at the next one.
 * Tasks run inside a join are not preceded by a clear: a join sets a pending interrupt aside while it helps
 * and restores it after (it belongs to the joining task), and one that arrives meanwhile stays visible.
 * <p>
 * <b>Joins</b> run the awaited task inline when it is the bottom of the worker's own deque, else run other tasks
 * (own first, then stolen) until it is done; with nothing to run the worker blocks, first taking itself off the
 * pool's running count so that a spare worker can keep the pool live ({@link Workers#compensate()}).
 */
final class WorkerThread extends Thread implements SchedulerWorker {

    private static final int HIGH = 2;
    private static final int LOW = 0;
    private static final int SPINS = 4;
    private static final int JOIN_SPINS = 128;
    /**
     * The most external tasks one poll moves into this worker's deque. One claim per burst instead of per task
     * keeps two workers from trading the queue's consumer index line on every task: SubmissionBenchmark (2
     * workers, 1/2/4 producers) measured 62/127/84 ns per task taking one at a time, 68/79/52 with 16, 39/49/52
     * with 64 and 42/62/60 with 256. The rest stay stealable in the deque, so a long task holds none of them.
     */
    private static final int EXTERNAL_BATCH = 64;
    private final Object[] batch = new Object[EXTERNAL_BATCH];
    private static final long JOIN_RECHECK_NANOS = 20_000_000L;
    private static final int WOKEN = 0;
    private static final int RETIRE = 1;

    final WorkStealingPool pool;
    final WorkerSlot slot;
    final int node;
    /** Started to stand in for a blocked worker (compensation), not to reach the parallelism. */
    final boolean spare;
    private final Workers workers;
    private final ExternalQueues queues;
    private final RunControl run;
    private final int stripe;
    private final int[] stealOrder;
    private final boolean multiNode;
    private final int maxSearchers;
    private int seed;
    private int aging;
    private static final Priority[] PRIORITIES = Priority.values();
    /** The ordinal of the priority of the task running, which forked tasks inherit. */
    private int currentPriority = Priority.NORMAL.ordinal();
    private boolean searching;
    private boolean retired;

    WorkerThread(WorkStealingPool pool, Workers workers, WorkerSlot slot, String name, boolean spare) {
        super(name);
        this.spare = spare;
        this.pool = pool;
        this.workers = workers;
        this.slot = slot;
        this.node = slot.nodeIndex;
        this.queues = pool.queues();
        this.run = pool.runControl();
        this.stripe = slot.index;
        this.stealOrder = pool.placement().stealOrder(node);
        this.multiNode = workers.multiNode();
        this.maxSearchers = Math.max(2, workers.parallelism() / 2);
        this.seed = (slot.index + 1) * 0x9E3779B9;
        setDaemon(pool.config().daemon());
        pool.config().uncaughtExceptionHandler().ifPresent(this::setUncaughtExceptionHandler);
    }

    @Override
    public WeftPool pool() {
        return pool;
    }

    @Override
    public void run() {
        Throwable death = null;
        PoolEvents.workerStarted(pool.name(), slot.index, nodeId(), spare);
        try {
            pool.bindWorker(this);
            runLoop();
        } catch (Throwable t) {
            death = t;
            abandonIdleState();
            throw t;
        } finally {
            pool.workerEnded(this, retired, death);
        }
    }

    private void runLoop() {
        while (run.state() < RunControl.STOP) {
            WeftTask<?> t = pollLocal();
            if (t == null && (t = findWork()) == null) {
                return;
            }
            // Hygiene, between top-level tasks only: a pending interrupt was aimed at an earlier task or at a
            // stopping pool's running tasks. (A task run inside a join keeps it: it belongs to the joiner.)
            Thread.interrupted();
            runTask(t);
        }
    }

    /** Undoes searching/parked bookkeeping of a worker dying of an unexpected Throwable. */
    private void abandonIdleState() {
        if (searching) {
            searching = false;
            workers.endSearch(slot);
        }
    }

    /** The id of the NUMA node this worker serves (not its index). */
    int nodeId() {
        return pool.placement().nodeId(node);
    }

    boolean retired() {
        return retired;
    }

    // ---------------------------------------------------------------- running

    void runTask(WeftTask<?> t) {
        if (!t.isNew()) {
            if (t.isCancelled()) {
                slot.countCancelledSkip();
            }
            return;
        }
        int saved = currentPriority;
        currentPriority = t.priorityOrdinal();
        slot.enterTask();
        boolean normal = false;
        try {
            normal = t.runTaken(); // every caller took t from a deque or queue, which gave it to this thread alone
        } finally {
            slot.exitTask();
            currentPriority = saved;
        }
        if (!normal) {
            slot.countAbnormal(t.isCompletedExceptionally(), t.isCancelled());
        }
    }

    // ---------------------------------------------------------------- picking

    WeftTask<?> pollLocal() {
        WorkDeque<WeftTask<?>>[] ds = slot.deques;
        if (aging >= WeftPool.AGING_BOUND) {
            aging = 0;
            WeftTask<?> t = takeOldestLower();
            if (t != null) {
                return t;
            }
        }
        for (int p = HIGH; p >= LOW; p--) {
            // isEmpty() first: exact for the owner and fence-free, while pop() pays a full fence even when empty.
            WorkDeque<WeftTask<?>> d = ds[p];
            WeftTask<?> t = d.isEmpty() ? null : d.pop();
            if (t == null) {
                t = takeExternal(p, d);
            }
            if (t != null) {
                if (p != LOW && lowerVisible(p)) {
                    aging++;
                } else {
                    aging = 0;
                }
                return t;
            }
        }
        return null;
    }

    /**
     * Takes the oldest external task of priority {@code p} and moves up to {@code EXTERNAL_BATCH - 1} more
     * into the (empty) deque {@code d}, the oldest at the owner's end, so that this worker runs them in
     * submission order while idle workers can steal them from the other end.
     */
    private WeftTask<?> takeExternal(int p, WorkDeque<WeftTask<?>> d) {
        if (queues.isEmpty(node, p)) {
            return null;
        }
        WorkerSlot s = slot;
        // Dekker with shutdownNow(), which writes STOP and then waits for the flag to clear before it drains the
        // deques: a volatile write, then a volatile read. Either this worker sees STOP and claims nothing, or
        // shutdownNow sees the flag and drains only after the batch is in the deque: nothing claimed is ever
        // invisible to the drain (so shutdownNow returns it), and quietExcept() counts the worker as busy.
        s.transferring = true;
        try {
            if (run.state() >= RunControl.STOP) {
                return null;
            }
            Object[] buf = batch;
            int n = queues.pollBatch(node, p, stripe, buf, EXTERNAL_BATCH);
            if (n == 0) {
                return null;
            }
            WeftTask<?> first = (WeftTask<?>) buf[0];
            buf[0] = null;
            if (n > 1) {
                for (int i = n - 1; i > 0; i--) {
                    d.push((WeftTask<?>) buf[i]);
                    buf[i] = null;
                }
                // push publishes with release only; the idle check must not float above it (as in push()).
                VarHandle.fullFence();
                workers.signalIfIdle(node);
            }
            return first;
        } finally {
            s.transferring = false;
        }
    }

    private boolean lowerVisible(int p) {
        for (int q = p - 1; q >= LOW; q--) {
            if (!slot.deques[q].isEmpty() || !queues.isEmpty(node, q)) {
                return true;
            }
        }
        return false;
    }

    private WeftTask<?> takeOldestLower() {
        for (int q = LOW; q < HIGH; q++) {
            // Own deque first, from the owner's end: external tasks moved there in a batch are older than any
            // still in the queue, and the oldest of them is at that end.
            WorkDeque<WeftTask<?>> d = slot.deques[q];
            WeftTask<?> t = d.isEmpty() ? null : d.pop();
            if (t == null) {
                t = queues.poll(node, q, stripe);
            }
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    WeftTask<?> steal() {
        WeftTask<?> t = stealFrom(workers.nodeSlots(node), true);
        if (t != null || !multiNode) {
            return t;
        }
        for (int other : stealOrder) {
            t = takeForeignQueue(other);
            if (t == null) {
                t = stealFrom(workers.nodeSlots(other), false);
            } else {
                slot.countSteal(false);
            }
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private WeftTask<?> stealFrom(WorkerSlot[] victims, boolean sameNode) {
        int n = victims.length;
        if (n == 0) {
            return null;
        }
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            WorkerSlot v = victims[(start + i) % n];
            if (v == slot) {
                continue;
            }
            for (int p = HIGH; p >= LOW; p--) {
                // isEmpty() first: steal() pays a full fence even on an empty deque.
                WorkDeque<WeftTask<?>> d = v.deques[p];
                WeftTask<?> t = d.isEmpty() ? null : d.steal();
                if (t != null) {
                    slot.countSteal(sameNode);
                    return t;
                }
            }
        }
        return null;
    }

    /** Takes from another node's external queues, unless one of that node's workers is free to (then wakes it). */
    private WeftTask<?> takeForeignQueue(int other) {
        if (queues.isEmpty(other)) {
            return null;
        }
        if (workers.nodeHasIdle(other)) {
            workers.signalNode(other);
            return null;
        }
        for (int p = HIGH; p >= LOW; p--) {
            WeftTask<?> t = queues.poll(other, p, stripe);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % bound;
    }

    /** True when this worker could take a task somewhere now (used before parking and before exiting). */
    boolean anyWorkVisible() {
        if (!slot.dequesEmpty() || !queues.isEmpty(node)) {
            return true;
        }
        if (multiNode) {
            for (int other : stealOrder) {
                if (!queues.isEmpty(other)) {
                    if (!workers.nodeHasIdle(other)) {
                        return true;
                    }
                    workers.signalNode(other);
                }
            }
        }
        for (WorkerSlot s : workers.slots()) {
            if (!s.dequesEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- idling

    /** Searches, spins, parks; returns a task, or null when the worker should end (stop, shutdown, retire). */
    private WeftTask<?> findWork() {
        searching = true;
        workers.beginSearch(slot);
        int idle = workers.searching() > maxSearchers ? SPINS : 0;
        while (true) {
            WeftTask<?> t = pollLocal();
            if (t == null) {
                t = steal();
            }
            if (t != null) {
                searching = false;
                if (workers.endSearch(slot) && workers.parkedCount() > 0 && anyWorkVisible()) {
                    // The last searcher found work and more is visible: hand the search on.
                    workers.signalWork(node);
                }
                return t;
            }
            int state = run.state();
            if (state >= RunControl.STOP) {
                stopSearching();
                return null;
            }
            if (++idle <= SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (state == RunControl.SHUTDOWN && pool.quiescentForExit(this)) {
                stopSearching();
                return null;
            }
            if (workers.tryRetireExcess()) {
                stopSearching();
                retired = true;
                return null;
            }
            if (park(state) == RETIRE) {
                retired = true;
                return null;
            }
            idle = SPINS / 2;
        }
    }

    private void stopSearching() {
        searching = false;
        workers.endSearch(slot);
    }

    /**
     * Parks until woken (then searching again) or until the keep-alive runs out on a worker the pool no longer
     * needs (then {@link #RETIRE}).
     */
    private int park(int seenState) {
        workers.parkBegin(slot);
        searching = false;
        // Dekker re-check: PARKED is published; a submitter that published a task before reading it is seen here.
        if (run.state() != seenState || anyWorkVisible()
                || (seenState == RunControl.SHUTDOWN && pool.quiescentForExit(this))) {
            // (the last clause: a submitter or dependent that held up the exit left before we published PARKED)
            workers.selfUnpark(slot);
            searching = true;
            return WOKEN;
        }
        slot.countPark();
        long keepAlive = workers.keepAliveNanos();
        while (true) {
            // A stray interrupt would turn a park into a spin; stopping is seen through the park state.
            Thread.interrupted();
            if (workers.live() <= workers.parallelism()) {
                // Nobody could retire now (retiring keeps running >= parallelism), so no timeout: an untimed
                // park skips arming and cancelling a timer on every idle period, which in a VM costs exits to
                // the hypervisor (trickle CPU). A wake-up, setParallelism or a stop unparks it.
                LockSupport.park(this);
            } else {
                long start = System.nanoTime();
                LockSupport.parkNanos(this, keepAlive);
                if (slot.parkState() == WorkerSlot.PARKED && System.nanoTime() - start >= keepAlive
                        && workers.tryRetireParked(slot)) {
                    return RETIRE;
                }
            }
            if (slot.parkState() != WorkerSlot.PARKED) {
                searching = true;
                return WOKEN;
            }
        }
    }

    // ---------------------------------------------------------------- SchedulerWorker

    @Override
    public void fork(WeftTask<?> task) {
        task.inheritPriority(PRIORITIES[currentPriority]);
        push(task);
        slot.countSubmitted();
    }

    /** Pushes onto this worker's deque of the task's priority and wakes a thief if the deque was empty. */
    void push(WeftTask<?> task) {
        WorkDeque<WeftTask<?>> d = slot.deques[task.priorityOrdinal()];
        boolean wasEmpty = d.isEmpty();
        d.push(task);
        if (wasEmpty) {
            // push publishes with release semantics only; the idle check below must not float above it (Dekker
            // with a parking worker's re-scan). Paid only when the deque turns non-empty, as in ForkJoinPool.
            VarHandle.fullFence();
            workers.signalIfIdle(node);
        }
    }

    @Override
    public boolean awaitDone(WeftTask<?> task, boolean timed, long nanos) throws InterruptedException {
        if (task.isDone()) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timed) {
            return awaitDoneTimed(task, nanos);
        }
        // The common join: the task is the one this worker forked last. Kept small so that it inlines into
        // join(); everything else is in helpUntilDone.
        if (slot.deques[task.priorityOrdinal()].tryUnpush(task)) {
            runTask(task);
            if (task.isDone()) {
                return true;
            }
        }
        return helpUntilDone(task);
    }

    /** An untimed join of a task that is not at the bottom of this worker's deque: help, then block. */
    private boolean helpUntilDone(WeftTask<?> task) throws InterruptedException {
        int idle = 0;
        while (!task.isDone()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            boolean stopping = run.state() >= RunControl.STOP;
            // A fork/join task running on another worker also reads as new (it runs unclaimed: WeftTask's
            // notes); in a stopping pool its joiner then gets the CancellationException as if it had been drained.
            if (stopping && task.isNew()) {
                throw new CancellationException("pool " + pool.name() + " is stopping: the awaited task " + task
                        + " will not run");
            }
            WeftTask<?> t = null;
            if (!stopping) {
                t = pollLocal();
                if (t == null) {
                    t = steal();
                }
            }
            if (t != null) {
                runTask(t);
                idle = 0;
                continue;
            }
            if (++idle < JOIN_SPINS) {
                Thread.onSpinWait();
                continue;
            }
            blockForJoin(task, false, Long.MAX_VALUE);
        }
        return true;
    }

    /**
     * A timed wait honours its deadline: running other tasks inline (or the awaited one, once unpushed) could
     * overrun it by their whole duration, so a timed waiter only blocks, with a spare worker when work waits,
     * as a timed get does on ThreadPoolExecutor and ForkJoinPool.
     */
    private boolean awaitDoneTimed(WeftTask<?> task, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!task.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (run.state() >= RunControl.STOP && task.isNew()) {
                throw new CancellationException("pool " + pool.name() + " is stopping: the awaited task " + task
                        + " will not run");
            }
            if (!blockForJoin(task, true, left)) {
                return task.isDone();
            }
        }
        return true;
    }

    /**
     * Blocks until {@code task} is done or {@code nanos} pass. The awaited task is running elsewhere (else this
     * worker would have found it). While other tasks wait unserved and no worker is parked, the worker takes
     * itself off the running count so a spare can serve them; it looks again every {@link #JOIN_RECHECK_NANOS}
     * (work may arrive while it blocks). A join on a task that is simply running elsewhere, with nothing else
     * waiting, costs no thread.
     *
     * @return false on timeout
     */
    private boolean blockForJoin(WeftTask<?> task, boolean timed, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        boolean compensated = false;
        try {
            while (!task.isDone()) {
                if (!compensated && workers.parkedCount() == 0 && anyWorkVisible()) {
                    workers.compensate();
                    compensated = true;
                }
                long left = timed ? deadline - System.nanoTime() : JOIN_RECHECK_NANOS;
                if (left <= 0) {
                    return false;
                }
                task.awaitBlocking(true, compensated ? left : Math.min(left, JOIN_RECHECK_NANOS));
                if (run.state() >= RunControl.STOP && task.isNew()) {
                    return true; // the caller's loop reports the stop
                }
            }
            return true;
        } finally {
            if (compensated) {
                workers.uncompensate();
            }
        }
    }

    @Override
    public void managedBlock(ManagedBlocker blocker) throws InterruptedException {
        if (blocker.isReleasable()) {
            return;
        }
        workers.compensate();
        try {
            while (!blocker.isReleasable() && !blocker.block()) {
                // the blocker says it is not done yet
            }
        } finally {
            workers.uncompensate();
        }
    }

    /**
     * Helps until no task is queued anywhere and no other worker runs one, or the deadline passes
     * ({@code awaitQuiescence} called from a worker).
     */
    boolean helpQuiesce(long deadline) {
        while (true) {
            WeftTask<?> t = pollLocal();
            if (t == null) {
                t = steal();
            }
            if (t != null) {
                runTask(t);
                continue;
            }
            if (workers.quietExcept(slot, queues)) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            Thread.yield();
        }
    }

    /** On exit while stopping: tasks forked after shutdownNow() drained the deques are cancelled, never run. */
    void cancelLeftovers() {
        List<WeftTask<?>> left = new ArrayList<>();
        for (WorkDeque<WeftTask<?>> d : slot.deques) {
            d.drainTo(left);
        }
        for (WeftTask<?> t : left) {
            t.cancel(false);
        }
    }
}
