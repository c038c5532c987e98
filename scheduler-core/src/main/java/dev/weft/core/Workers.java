package dev.weft.core;

import dev.weft.AffinityMode;
import dev.weft.topology.CpuSet;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's workers: their slots, how many live and run, who is searching or parked, waking them, adding
 * spares while tasks block, and retiring them.
 *
 * <h2>Implementation notes</h2>
 * <b>Counts.</b> {@code ctl} packs two counts in one word so that they change together: {@code live} (high 32
 * bits: threads started and not yet ended, spares included) and {@code running} (low 32 bits: live workers not
 * blocked in a join or a managed block). A worker that blocks decrements {@code running}; if that leaves fewer
 * than {@code parallelism} and no worker is parked, a spare is started (CAS {@code live+1, running+1}) unless
 * {@code live} is at the thread cap. An idle worker retires only by a CAS that keeps {@code running >=
 * parallelism}, so a retirement can never race a blocker into leaving the pool short of workers.
 * <p>
 * <b>Idle workers.</b> {@code searching} counts workers awake and looking for work; {@code parked} counts
 * workers in {@link WorkerSlot#PARKED}. A submitter publishes its task (a CAS in the queue, or a full fence
 * after a push that made a deque non-empty) and then reads {@code searching} and {@code parked}; a worker about
 * to park sets PARKED and increments {@code parked} (volatile) and then re-scans every queue. So either the
 * worker sees the task, or the submitter sees the parked worker (Dekker): no lost wake-up. A submit wakes at
 * most one worker and only when nobody is searching; a woken worker counts as searching from the moment it is
 * woken (the waker increments on its behalf), and when the last searcher finds a task it wakes one more if any
 * is parked (so a burst spreads without a thundering herd).
 * <p>
 * <b>Nodes.</b> With more than one NUMA node, {@code nodeSearching} counts searchers per node and
 * {@code nodeIdle} searching-or-parked workers per node (one counter, so a worker moving between searching and
 * parked never makes its node look busy), so that thieves leave a node's external queue to that node's own
 * idle workers (and wake one) instead of taking its tasks.
 * <p>
 * <b>Slots</b> are created and reused under {@code lock} (thread creation is the slow path anyway); readers
 * see copy-on-write arrays.
 */
final class Workers {

    private static final System.Logger LOG = System.getLogger("dev.weft.core");
    private static final long ONE_LIVE = 1L << 32;
    private static final long ONE_EACH = ONE_LIVE | 1L;

    private final WorkStealingPool pool;
    private final Placement placement;
    private final AffinityMode affinityMode;
    private final CpuSet allowed;
    private final boolean multiNode;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile WorkerSlot[] slots = new WorkerSlot[0];
    private volatile WorkerSlot[][] byNode;
    private final AtomicLong ctl = new AtomicLong();
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicIntegerArray nodeSearching;
    /** Per node: workers searching or parked, in one count so that moving between the two never shows 0. */
    private final AtomicIntegerArray nodeIdle;
    private final AtomicLong activations = new AtomicLong();
    private final AtomicInteger excess = new AtomicInteger();
    private final AtomicLong capHits = new AtomicLong();
    private final AtomicBoolean capLogged = new AtomicBoolean();
    private final long keepAliveNanos;
    private volatile int parallelism;
    private volatile int maxThreads;
    /**
     * The slot that parked last, tried first by a wake-up (LIFO, as ForkJoinPool's idle stack): the most recently
     * parked worker has the warmest caches and, in a VM, the vCPU least deep in its idle state, and the others
     * stay parked, so a trickle of tasks keeps waking the same worker. A hint only (a benign race: any parked
     * worker is a correct choice).
     */
    private volatile WorkerSlot lastParked;

    Workers(WorkStealingPool pool, Placement placement, int parallelism, int maxThreads, long keepAliveNanos,
            AffinityMode affinityMode, CpuSet allowed) {
        this.pool = pool;
        this.placement = placement;
        this.parallelism = parallelism;
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAliveNanos;
        this.affinityMode = affinityMode;
        this.allowed = allowed;
        int nodes = placement.nodeCount();
        this.multiNode = nodes > 1;
        this.nodeSearching = multiNode ? new AtomicIntegerArray(nodes) : null;
        this.nodeIdle = multiNode ? new AtomicIntegerArray(nodes) : null;
        WorkerSlot[][] empty = new WorkerSlot[nodes][];
        Arrays.fill(empty, new WorkerSlot[0]);
        this.byNode = empty;
    }

    /** Starts the initial workers. */
    void start() {
        for (int i = 0; i < parallelism; i++) {
            if (!tryAddWorker(false)) {
                break;
            }
        }
    }

    // ---------------------------------------------------------------- counts

    int live() {
        return (int) (ctl.get() >>> 32);
    }

    int running() {
        return (int) ctl.get();
    }

    int parallelism() {
        return parallelism;
    }

    int maxThreads() {
        return maxThreads;
    }

    long capHits() {
        return capHits.get();
    }

    int searching() {
        return searching.get();
    }

    int parkedCount() {
        return parked.get();
    }

    long keepAliveNanos() {
        return keepAliveNanos;
    }

    WorkerSlot[] slots() {
        return slots;
    }

    WorkerSlot[] nodeSlots(int nodeIndex) {
        return byNode[nodeIndex];
    }

    boolean multiNode() {
        return multiNode;
    }

    void setParallelism(int target, int newMax) {
        lock.lock();
        try {
            this.maxThreads = newMax;
            this.parallelism = target;
            int surplus = running() - target;
            excess.set(Math.max(0, surplus));
        } finally {
            lock.unlock();
        }
        while (running() < target && tryAddWorker(false)) {
            // add workers until the target is met (or the cap is reached)
        }
        if (excess.get() > 0) {
            wakeAll();
        }
    }

    // ---------------------------------------------------------------- creating and ending workers

    /**
     * Starts a worker. A regular one only while {@code running < parallelism}; a compensating one (a spare for
     * a blocked worker) whenever {@code live} is below the thread cap.
     */
    boolean tryAddWorker(boolean compensating) {
        while (true) {
            long c = ctl.get();
            int live = (int) (c >>> 32);
            int running = (int) c;
            if (live >= maxThreads || (!compensating && running >= parallelism)) {
                return false;
            }
            if (ctl.compareAndSet(c, c + ONE_EACH)) {
                break;
            }
        }
        lock.lock();
        try {
            if (pool.runState() >= RunControl.STOP) {
                ctl.addAndGet(-ONE_EACH);
                return false;
            }
            WorkerSlot slot = freeSlot();
            startThread(slot, compensating);
            return true;
        } catch (RuntimeException | OutOfMemoryError e) {
            ctl.addAndGet(-ONE_EACH);
            LOG.log(Level.WARNING, "pool " + pool.name() + " could not start a worker thread", e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    private WorkerSlot freeSlot() {
        for (WorkerSlot s : slots) {
            if (s.thread == null && s.dequesEmpty()) {
                return s;
            }
        }
        int index = slots.length;
        int node = placement.nodeOfSlot(index);
        WorkerSlot[] peers = byNode[node];
        int rank = peers.length;
        WorkerSlot slot = new WorkerSlot(index, node, rank, placement.maskFor(affinityMode, node, rank, allowed));
        WorkerSlot[] grown = Arrays.copyOf(slots, index + 1);
        grown[index] = slot;
        WorkerSlot[][] nodes = byNode.clone();
        WorkerSlot[] nodeGrown = Arrays.copyOf(peers, rank + 1);
        nodeGrown[rank] = slot;
        nodes[node] = nodeGrown;
        byNode = nodes;
        slots = grown;
        return slot;
    }

    private void startThread(WorkerSlot slot, boolean spare) {
        WorkerThread t = new WorkerThread(pool, this, slot,
                pool.threadNamePrefix() + "n" + placement.nodeId(slot.nodeIndex) + "-w" + slot.index, spare);
        slot.setParkState(WorkerSlot.ACTIVE);
        slot.thread = t;
        try {
            t.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            slot.thread = null;
            throw e;
        }
    }

    /**
     * A worker died of an unexpected Throwable while the pool still runs: serve its slot with a new thread (a
     * spare if the dead one was).
     */
    void replace(WorkerSlot slot, boolean spare) {
        lock.lock();
        try {
            if (pool.runState() < RunControl.STOP) {
                startThread(slot, spare);
                return;
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.ERROR, "pool " + pool.name() + " could not replace a dead worker", e);
        } finally {
            lock.unlock();
        }
        ended(slot);
    }

    /** A worker ended for good (pool shutting down, or replacement impossible): its slot becomes free. */
    void ended(WorkerSlot slot) {
        lock.lock();
        try {
            slot.thread = null;
        } finally {
            lock.unlock();
        }
        ctl.addAndGet(-ONE_EACH);
    }

    /** A worker retired; its counts were already taken off {@code ctl}. */
    void retired(WorkerSlot slot) {
        lock.lock();
        try {
            slot.thread = null;
        } finally {
            lock.unlock();
        }
    }

    /** Retires an idle worker left over after {@link #setParallelism} lowered the target. */
    boolean tryRetireExcess() {
        while (true) {
            int e = excess.get();
            if (e <= 0) {
                return false;
            }
            if (excess.compareAndSet(e, e - 1)) {
                if (tryTakeOffCtl()) {
                    return true;
                }
                excess.set(0);
                return false;
            }
        }
    }

    /** Removes one worker from {@code ctl} if that keeps {@code running >= parallelism}. */
    private boolean tryTakeOffCtl() {
        while (true) {
            long c = ctl.get();
            if ((int) c <= parallelism) {
                return false;
            }
            if (ctl.compareAndSet(c, c - ONE_EACH)) {
                return true;
            }
        }
    }

    /** A parked worker whose keep-alive ran out retires if the pool has more running workers than it needs. */
    boolean tryRetireParked(WorkerSlot slot) {
        if (!tryTakeOffCtl()) {
            return false;
        }
        if (slot.casParkState(WorkerSlot.PARKED, WorkerSlot.RETIRED)) {
            parked.decrementAndGet();
            if (multiNode) {
                nodeIdle.decrementAndGet(slot.nodeIndex);
            }
            return true;
        }
        ctl.addAndGet(ONE_EACH);
        return false;
    }

    // ---------------------------------------------------------------- blocking

    /**
     * Called before a worker blocks (managed block, or a join with nothing left to help with): takes it off
     * {@code running} and, when that leaves the pool short and no worker is parked, starts a spare. At the
     * thread cap no spare is started: the blocker just blocks, the pool runs with fewer active workers until
     * it returns, and the event is counted and logged once.
     */
    void compensate() {
        int running = (int) ctl.decrementAndGet();
        if (running < parallelism && parked.get() == 0 && !tryAddWorker(true) && live() >= maxThreads) {
            capHits.incrementAndGet();
            if (capLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "pool {0}: a task blocks while the pool is at its thread cap (maxThreads = {1}):"
                        + " no spare worker is added, so the pool runs with fewer active workers until it returns",
                        pool.name(), maxThreads);
            }
        }
    }

    void uncompensate() {
        ctl.incrementAndGet();
    }

    // ---------------------------------------------------------------- searching and parking

    /** A working worker found nothing and starts searching (it becomes idle). */
    void beginSearch(WorkerSlot slot) {
        if (multiNode) {
            nodeIdle.incrementAndGet(slot.nodeIndex);
        }
        searchingUp(slot);
    }

    /**
     * A searcher found a task, or ends (it is no longer idle).
     *
     * @return true when this was the last searcher
     */
    boolean endSearch(WorkerSlot slot) {
        boolean last = searchingDown(slot);
        if (multiNode) {
            nodeIdle.decrementAndGet(slot.nodeIndex);
        }
        return last;
    }

    private void searchingUp(WorkerSlot slot) {
        searching.incrementAndGet();
        if (multiNode) {
            nodeSearching.incrementAndGet(slot.nodeIndex);
        }
    }

    private boolean searchingDown(WorkerSlot slot) {
        if (multiNode) {
            nodeSearching.decrementAndGet(slot.nodeIndex);
        }
        return searching.decrementAndGet() == 0;
    }

    /** A searcher is about to park: PARKED and counted parked first, then no longer searching (still idle). */
    void parkBegin(WorkerSlot slot) {
        lastParked = slot;
        slot.setParkState(WorkerSlot.PARKED);
        parked.incrementAndGet();
        searchingDown(slot);
    }

    /** A worker about to park saw work: takes itself back unless a waker did already. Either way it searches. */
    void selfUnpark(WorkerSlot slot) {
        if (slot.casParkState(WorkerSlot.PARKED, WorkerSlot.ACTIVE)) {
            unparkedBookkeeping(slot);
        }
    }

    private boolean wake(WorkerSlot slot) {
        if (slot.parkState() == WorkerSlot.PARKED && slot.casParkState(WorkerSlot.PARKED, WorkerSlot.ACTIVE)) {
            unparkedBookkeeping(slot);
            WorkerThread t = slot.thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
            return true;
        }
        return false;
    }

    private void unparkedBookkeeping(WorkerSlot slot) {
        searchingUp(slot);
        parked.decrementAndGet();
        activations.incrementAndGet();
    }

    /** Wakes one parked worker if nobody is searching; called after publishing a task. */
    void signalIfIdle(int nodeIndex) {
        if (searching.get() == 0 && parked.get() > 0) {
            signalWork(nodeIndex);
        }
    }

    /** Wakes one parked worker, preferring one of {@code nodeIndex}. */
    void signalWork(int nodeIndex) {
        if (multiNode && nodeIndex >= 0 && wakeOne(byNode[nodeIndex])) {
            return;
        }
        wakeOne(slots);
    }

    /** Makes sure a worker of {@code nodeIndex} will look at its node's queues: wakes one unless one searches. */
    void signalNode(int nodeIndex) {
        if (nodeSearching.get(nodeIndex) == 0) {
            wakeOne(byNode[nodeIndex]);
        }
    }

    /** True when a worker of this node is searching or parked, i.e. free to take the node's external tasks. */
    boolean nodeHasIdle(int nodeIndex) {
        return nodeIdle.get(nodeIndex) > 0;
    }

    private boolean wakeOne(WorkerSlot[] arr) {
        int n = arr.length;
        if (n == 0) {
            return false;
        }
        WorkerSlot last = lastParked;
        if (last != null && (arr == slots || last.nodeIndex == arr[0].nodeIndex) && wake(last)) {
            return true;
        }
        for (WorkerSlot s : arr) {
            if (wake(s)) {
                return true;
            }
        }
        return false;
    }

    void wakeAll() {
        for (WorkerSlot s : slots) {
            wake(s);
        }
    }

    void interruptAll() {
        for (WorkerSlot s : slots) {
            WorkerThread t = s.thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /**
     * True when every live worker is parked and nothing is queued anywhere (and nobody is between a submit's
     * enter and exit): the pool is quiet. A worker woken during the check bumps {@code activations}, which
     * the check re-reads, so a quiet answer was true at one instant.
     */
    boolean isQuiescent(ExternalQueues queues, RunControl run) {
        long a = activations.get();
        if (parked.get() != live() || run.inflightTotal() != 0 || !queues.isEmpty()) {
            return false;
        }
        for (WorkerSlot s : slots) {
            if (s.transferring || !s.dequesEmpty()) {
                return false;
            }
        }
        return activations.get() == a && parked.get() == live();
    }

    /** True when no task is queued anywhere and no worker but {@code self} runs one. */
    boolean quietExcept(WorkerSlot self, ExternalQueues queues) {
        if (!queues.isEmpty()) {
            return false;
        }
        for (WorkerSlot s : slots) {
            // The flag before the deques: it is cleared after a batch's pushes, so a cleared flag shows them.
            if (s.transferring || !s.dequesEmpty() || (s != self && s.running())) {
                return false;
            }
        }
        return true;
    }
}
