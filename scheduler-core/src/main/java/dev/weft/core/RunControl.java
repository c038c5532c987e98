package dev.weft.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's run state ({@code RUNNING -> SHUTDOWN -> STOP -> TERMINATED}) and its in-flight submitters.
 *
 * <h2>Implementation notes</h2>
 * <b>Why submitters are counted.</b> {@code shutdownNow()} must return every task that never started, and a
 * submit that races it must either be rejected or have its task enqueued <i>before</i> the queues are drained.
 * A submitter therefore announces itself (increments its stripe's in-flight counter), then reads the state:
 * only in an accepting state does it enqueue, and it leaves (decrements) after the enqueue. Whoever changes the
 * state writes it first and reads the counters afterwards. Both sides use sequentially consistent accesses (a
 * volatile RMW and a volatile read each), so of a submitter and a state change at least one sees the other
 * (Dekker): either the submitter sees the new state and rejects, or the state changer sees the submitter and
 * waits for it ({@link #awaitNoSubmitters()}) before draining. So every submit that starts after
 * {@code shutdown()} returned is rejected, and nothing is enqueued after the drain.
 * <p>
 * <b>Striping.</b> The counters are striped by submitting thread (each stripe on its own 128-byte span) so
 * that concurrent submitters do not contend on one cache line; only state changers read every stripe.
 * <p>
 * <b>Internal submissions</b> (a dependent task released when its last dependency completes) are accepted in
 * RUNNING and SHUTDOWN, refused from STOP on: they were accepted before the shutdown.
 */
final class RunControl {

    static final int RUNNING = 0;
    static final int SHUTDOWN = 1;
    static final int STOP = 2;
    static final int TERMINATED = 3;

    /** Ints per stripe: 32 ints = 128 bytes keeps neighbouring stripes off each other's cache lines. */
    private static final int PAD = 32;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RunControl.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private final AtomicIntegerArray inflight;
    private final int stripeMask;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Runnable onTerminated;

    /**
     * @param stripes      a power of two
     * @param onTerminated run once, by the thread that moves the state to TERMINATED, before
     *                     {@link #awaitTermination} returns true (so what it undoes is undone when a waiter wakes)
     */
    RunControl(int stripes, Runnable onTerminated) {
        this.stripeMask = stripes - 1;
        this.inflight = new AtomicIntegerArray(stripes * PAD);
        this.onTerminated = onTerminated;
    }

    int state() {
        return state;
    }

    /**
     * Announces an external submitter on {@code stripe}; true when the pool accepts it (RUNNING). On false the
     * caller must not call {@link #exit}, but must let idle workers and termination re-check (as after
     * {@link #exit}): a refused submitter was counted for a moment, and a worker or {@code tryTerminate} that saw
     * that count must not wait for an exit that never comes.
     */
    boolean enterExternal(int stripe) {
        return enter(stripe, RUNNING);
    }

    /** Announces an internal submitter (a released dependent); accepted while the state is below STOP. */
    boolean enterInternal(int stripe) {
        return enter(stripe, SHUTDOWN);
    }

    private boolean enter(int stripe, int maxState) {
        if (state > maxState) {
            return false; // refused without touching the counter
        }
        int i = (stripe & stripeMask) * PAD;
        inflight.getAndIncrement(i);
        // volatile RMW above, volatile read below: the Dekker pair with advanceTo() + inflightTotal()
        if (state <= maxState) {
            return true;
        }
        inflight.getAndDecrement(i);
        return false;
    }

    /**
     * Leaves after an accepted {@link #enterExternal}/{@link #enterInternal}.
     *
     * @return true when the pool is shutting down, so the caller should let idle workers re-check whether they
     * can exit
     */
    boolean exit(int stripe) {
        inflight.getAndDecrement((stripe & stripeMask) * PAD);
        return state >= SHUTDOWN;
    }

    /** The number of submitters between enter and exit; exact only once the state refuses new ones. */
    int inflightTotal() {
        int sum = 0;
        for (int i = 0; i < inflight.length(); i += PAD) {
            sum += inflight.get(i);
        }
        return sum;
    }

    /** Moves the state forward to {@code target} (never back); true when this call changed it. */
    boolean advanceTo(int target) {
        while (true) {
            int s = state;
            if (s >= target) {
                return false;
            }
            if (STATE.compareAndSet(this, s, target)) {
                if (target == TERMINATED) {
                    try {
                        onTerminated.run();
                    } finally {
                        terminated.countDown();
                    }
                }
                return true;
            }
        }
    }

    /**
     * Waits until every submitter that entered before the state refused new ones has left. Submitters hold
     * their place only across a non-blocking enqueue, so this is short; it spins, yields, then parks briefly.
     */
    void awaitNoSubmitters() {
        spinUntil(() -> inflightTotal() == 0);
    }

    /** Waits for a condition that only short, non-blocking work stands before: spins, yields, then parks 10 us at a time. */
    static void spinUntil(java.util.function.BooleanSupplier done) {
        for (int round = 0; !done.getAsBoolean(); round++) {
            if (round < 64) {
                Thread.onSpinWait();
            } else if (round < 128) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(10_000L);
            }
        }
    }

    /**
     * True once termination is complete, including its hook (MXBean unregistration, the PoolClosed event):
     * the latch is released after the hook, so a caller that sees true also sees the hook's effects.
     */
    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    static String name(int state) {
        return switch (state) {
            case RUNNING -> "RUNNING";
            case SHUTDOWN -> "SHUTDOWN";
            case STOP -> "STOP";
            default -> "TERMINATED";
        };
    }
}
