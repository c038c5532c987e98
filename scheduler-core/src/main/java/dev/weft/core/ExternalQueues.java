package dev.weft.core;

import dev.weft.WeftTask;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queues for tasks submitted from outside the pool: one lock-free {@link InjectionQueue} per NUMA node,
 * priority and stripe, and the optional bound on how many of them wait at once.
 *
 * <h2>Implementation notes</h2>
 * <b>Layout.</b> Queue {@code ((node * 3) + priority) * stripes + stripe}. A submitting thread always uses
 * the same stripe (a hash of its thread id) and, unless it gives a placement hint, the same node, so its
 * submissions of one priority land in one FIFO queue and are dequeued in the order it made them.
 * <p>
 * <b>Bound.</b> When {@code queueCapacity} is finite, one {@link AtomicInteger} counts tasks in these queues:
 * a submitter reserves a place by CAS before it enqueues and a worker gives it back after it dequeues, so the
 * bound is exact (never exceeded), not approximate. Tasks that the pool's own workers submit go to their own
 * deques and are not bounded (like forks). An unbounded pool never touches the counter.
 * <p>
 * <b>Blocking submitters</b> ({@code SaturationPolicy.BLOCK}) wait on a condition. A waiter registers
 * ({@code blockedSubmitters++}) before its last reservation attempt; a worker that frees a place reads
 * {@code blockedSubmitters} after its decrement. Both are volatile accesses, so either the waiter's attempt
 * sees the freed place or the worker sees the waiter and signals it under the lock.
 */
final class ExternalQueues {

    static final int PRIORITIES = 3;

    private final InjectionQueue<WeftTask<?>>[] queues;
    private final int stripes;
    private final int stripeMask;
    private final int nodes;
    private final boolean bounded;
    private final int capacity;
    private final AtomicInteger queued = new AtomicInteger();
    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition room = roomLock.newCondition();
    private volatile int blockedSubmitters;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ExternalQueues(int nodes, int stripes, int capacity) {
        this.nodes = nodes;
        this.stripes = stripes;
        this.stripeMask = stripes - 1;
        this.capacity = capacity;
        this.bounded = capacity != Integer.MAX_VALUE;
        this.queues = new InjectionQueue[nodes * PRIORITIES * stripes];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new InjectionQueue<>();
        }
    }

    static int stripeOf(Thread t) {
        long id = t.getId();
        // Fibonacci hashing spreads sequential thread ids over the stripes.
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
    }

    int stripes() {
        return stripes;
    }

    boolean bounded() {
        return bounded;
    }

    int capacity() {
        return capacity;
    }

    void offer(int node, int priority, int stripe, WeftTask<?> task) {
        queues[((node * PRIORITIES) + priority) * stripes + (stripe & stripeMask)].offer(task);
    }

    /** Takes the oldest task of one node and priority, visiting stripes from {@code startStripe}. */
    WeftTask<?> poll(int node, int priority, int startStripe) {
        int base = ((node * PRIORITIES) + priority) * stripes;
        for (int i = 0; i < stripes; i++) {
            WeftTask<?> t = queues[base + ((startStripe + i) & stripeMask)].poll();
            if (t != null) {
                if (bounded) {
                    release();
                }
                return t;
            }
        }
        return null;
    }

    /**
     * Takes up to {@code max} of the oldest tasks of one node and priority (one when the queue is bounded) from
     * the first non-empty stripe, visiting from {@code startStripe}.
     */
    int pollBatch(int node, int priority, int startStripe, Object[] into, int max) {
        // A bounded queue counts a place until its task leaves the queue for a worker that runs it, so that at
        // most queueCapacity tasks wait; a batch would free places for tasks still waiting in a deque.
        int most = bounded ? 1 : max;
        int base = ((node * PRIORITIES) + priority) * stripes;
        for (int i = 0; i < stripes; i++) {
            int n = queues[base + ((startStripe + i) & stripeMask)].pollBatch(into, most);
            if (n > 0) {
                if (bounded) {
                    release();
                }
                return n;
            }
        }
        return 0;
    }

    boolean isEmpty(int node, int priority) {
        int base = ((node * PRIORITIES) + priority) * stripes;
        for (int i = 0; i < stripes; i++) {
            if (!queues[base + i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty(int node) {
        for (int p = 0; p < PRIORITIES; p++) {
            if (!isEmpty(node, p)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        for (int n = 0; n < nodes; n++) {
            if (!isEmpty(n)) {
                return false;
            }
        }
        return true;
    }

    long size() {
        long sum = 0;
        for (InjectionQueue<WeftTask<?>> q : queues) {
            sum += q.size();
        }
        return sum;
    }

    /** The tasks queued with one priority, all nodes and stripes (a sum of racy sizes, like {@link #size()}). */
    long size(int priority) {
        long sum = 0;
        for (int node = 0; node < nodes; node++) {
            int base = ((node * PRIORITIES) + priority) * stripes;
            for (int s = 0; s < stripes; s++) {
                sum += queues[base + s].size();
            }
        }
        return sum;
    }

    /** Moves every queued task into {@code sink}, highest priority first; returns how many. */
    int drainTo(Collection<? super WeftTask<?>> sink) {
        int n = 0;
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            for (int node = 0; node < nodes; node++) {
                for (int s = 0; s < stripes; s++) {
                    n += queues[((node * PRIORITIES) + p) * stripes + s].drainTo(sink);
                }
            }
        }
        if (bounded && n > 0) {
            queued.addAndGet(-n);
            wakeBlockedSubmitters();
        }
        return n;
    }

    /** Reserves a place in a bounded queue; false when full. */
    boolean tryReserve() {
        while (true) {
            int q = queued.get();
            if (q >= capacity) {
                return false;
            }
            if (queued.compareAndSet(q, q + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reserved place (after a dequeue, or when a reserved submission was refused). */
    void release() {
        queued.getAndDecrement();
        if (blockedSubmitters > 0) {
            signalRoom();
        }
    }

    private void signalRoom() {
        roomLock.lock();
        try {
            room.signal();
        } finally {
            roomLock.unlock();
        }
    }

    /**
     * Waits up to {@code nanos} for a place. Returns true with a place reserved; false on timeout or when
     * {@code stillAccepting} turns false.
     */
    boolean awaitReservation(long nanos, java.util.function.BooleanSupplier stillAccepting) throws InterruptedException {
        roomLock.lockInterruptibly();
        try {
            blockedSubmitters++;
            try {
                while (true) {
                    if (!stillAccepting.getAsBoolean()) {
                        return false;
                    }
                    if (tryReserve()) {
                        return true;
                    }
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = room.awaitNanos(nanos);
                }
            } finally {
                blockedSubmitters--;
            }
        } finally {
            roomLock.unlock();
        }
    }

    /** Wakes every blocked submitter (the pool is shutting down, or many places were freed). */
    void wakeBlockedSubmitters() {
        if (blockedSubmitters > 0) {
            roomLock.lock();
            try {
                room.signalAll();
            } finally {
                roomLock.unlock();
            }
        }
    }

    static long toNanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365L * 100);
        }
    }
}
