package dev.weft.core;

import dev.weft.WeftTask;
import dev.weft.topology.CpuSet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker position: its deques (one per priority), its node, its counters and its park state. The slot
 * outlives its thread: a worker killed by an {@code Error} is replaced by a new thread on the same slot (so
 * tasks left in its deques are not lost and its counts carry over), and a retired spare's slot is reused by the
 * next spare.
 *
 * <h2>Implementation notes</h2>
 * <b>Counters</b> are plain longs written only by the slot's current thread with opaque stores (no fence: the
 * hot path pays a plain store) and summed by {@code stats()} with opaque loads. A thread that takes over a slot
 * was started after the previous one ended (replacement) or retired (reuse), so {@code Thread.start()} orders
 * the hand-over.
 * <p>
 * <b>Park state</b> {@code ACTIVE -> PARKED -> ACTIVE | RETIRED} is changed by CAS: the worker sets PARKED
 * (volatile) and then re-scans; a waker CASes PARKED to ACTIVE before unparking. Whoever wins the CAS does the
 * idle bookkeeping, so a worker is never counted twice and never left parked with work visible.
 */
final class WorkerSlot {

    static final int ACTIVE = 0;
    static final int PARKED = 1;
    static final int RETIRED = 2;

    private static final VarHandle PARK_STATE;
    private static final VarHandle STARTED;
    private static final VarHandle FINISHED;
    private static final VarHandle FAILED;
    private static final VarHandle CANCELLED;
    private static final VarHandle SAME_NODE_STEALS;
    private static final VarHandle OTHER_NODE_STEALS;
    private static final VarHandle PARKS;
    private static final VarHandle SUBMITTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PARK_STATE = l.findVarHandle(WorkerSlot.class, "parkState", int.class);
            STARTED = l.findVarHandle(WorkerSlot.class, "started", long.class);
            FINISHED = l.findVarHandle(WorkerSlot.class, "finished", long.class);
            FAILED = l.findVarHandle(WorkerSlot.class, "failed", long.class);
            CANCELLED = l.findVarHandle(WorkerSlot.class, "cancelled", long.class);
            SAME_NODE_STEALS = l.findVarHandle(WorkerSlot.class, "sameNodeSteals", long.class);
            OTHER_NODE_STEALS = l.findVarHandle(WorkerSlot.class, "otherNodeSteals", long.class);
            PARKS = l.findVarHandle(WorkerSlot.class, "parks", long.class);
            SUBMITTED = l.findVarHandle(WorkerSlot.class, "submitted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final int nodeIndex;
    /** The rank of this slot among its node's slots (for CORE affinity). */
    final int rank;
    /** The CPUs this slot's worker binds to, or null to leave its mask alone. */
    final CpuSet cpus;
    @SuppressWarnings({"unchecked", "rawtypes"})
    final WorkDeque<WeftTask<?>>[] deques = new WorkDeque[ExternalQueues.PRIORITIES];

    /** The thread serving this slot, null when retired. Written under the pool's worker lock. */
    volatile WorkerThread thread;
    private volatile int parkState;
    /**
     * True while this slot's worker moves a batch of external tasks from the queue into its deque: claimed, they
     * are in neither place a drain or a quiescence check reads. Set before the claim, cleared after the pushes.
     */
    volatile boolean transferring;

    /** Tasks this slot's workers started; {@code started - finished} is how many run now (nested joins). */
    private long started;
    /** Tasks this slot's workers finished running, whatever their outcome: the tasks run. */
    private long finished;
    private long failed;
    private long cancelled;
    private long sameNodeSteals;
    private long otherNodeSteals;
    private long parks;
    private long submitted;

    WorkerSlot(int index, int nodeIndex, int rank, CpuSet cpus) {
        this.index = index;
        this.nodeIndex = nodeIndex;
        this.rank = rank;
        this.cpus = cpus;
        for (int p = 0; p < deques.length; p++) {
            deques[p] = new WorkDeque<>();
        }
    }

    int parkState() {
        return parkState;
    }

    void setParkState(int s) {
        parkState = s;
    }

    boolean casParkState(int expect, int update) {
        return PARK_STATE.compareAndSet(this, expect, update);
    }

    boolean dequesEmpty() {
        for (WorkDeque<WeftTask<?>> d : deques) {
            if (!d.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    long queued() {
        long n = 0;
        for (WorkDeque<WeftTask<?>> d : deques) {
            n += d.size();
        }
        return n;
    }

    // Owner-only increments: plain read, opaque write (single writer, so no lost update).

    /** A task that ran did not complete normally: it failed, or was cancelled while it ran. */
    void countAbnormal(boolean failedRun, boolean cancelledRun) {
        if (failedRun) {
            FAILED.setOpaque(this, failed + 1);
        } else if (cancelledRun) {
            CANCELLED.setOpaque(this, cancelled + 1);
        }
    }

    void countCancelledSkip() {
        CANCELLED.setOpaque(this, cancelled + 1);
    }

    void countSteal(boolean sameNode) {
        if (sameNode) {
            SAME_NODE_STEALS.setOpaque(this, sameNodeSteals + 1);
        } else {
            OTHER_NODE_STEALS.setOpaque(this, otherNodeSteals + 1);
        }
    }

    void countPark() {
        PARKS.setOpaque(this, parks + 1);
    }

    void countSubmitted() {
        SUBMITTED.setOpaque(this, submitted + 1);
    }

    void enterTask() {
        STARTED.setOpaque(this, started + 1);
    }

    void exitTask() {
        FINISHED.setOpaque(this, finished + 1);
    }

    long tasksRun() {
        return (long) FINISHED.getOpaque(this);
    }

    long failed() {
        return (long) FAILED.getOpaque(this);
    }

    long cancelled() {
        return (long) CANCELLED.getOpaque(this);
    }

    long sameNodeSteals() {
        return (long) SAME_NODE_STEALS.getOpaque(this);
    }

    long otherNodeSteals() {
        return (long) OTHER_NODE_STEALS.getOpaque(this);
    }

    long parks() {
        return (long) PARKS.getOpaque(this);
    }

    long submitted() {
        return (long) SUBMITTED.getOpaque(this);
    }

    boolean running() {
        long done = (long) FINISHED.getOpaque(this); // finished first: never above the started read after it
        return (long) STARTED.getOpaque(this) > done;
    }
}
