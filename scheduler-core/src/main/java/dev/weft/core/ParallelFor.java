package dev.weft.core;

import dev.weft.WeftTask;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * {@code parallelFor}: splits {@code [from, to)} in halves, forking the right half, down to a grain of about
 * {@code n / (8 * parallelism)} indexes, so thieves take big halves first.
 *
 * <h2>Implementation notes</h2>
 * The chunks share one {@link AtomicReference}: the first exception thrown by the body wins a CAS, later ones are
 * added to it as suppressed under its monitor ({@code addSuppressed} is not thread-safe), and a chunk that has not
 * started skips its body once a failure is recorded. Joins publish each chunk's writes to the root (a task's
 * completion CAS happens-before the joiner's read of its state), so the body's effects are visible to the caller
 * when {@code parallelFor} returns.
 */
final class ParallelFor extends WeftTask<Void> {

    private final int lo;
    private final int hi;
    private final int grain;
    private final IntConsumer body;
    private final AtomicReference<Throwable> failure;

    private ParallelFor(int lo, int hi, int grain, IntConsumer body, AtomicReference<Throwable> failure) {
        this.lo = lo;
        this.hi = hi;
        this.grain = grain;
        this.body = body;
        this.failure = failure;
    }

    static ParallelFor root(int from, int to, int parallelism, IntConsumer body) {
        long n = (long) to - from;
        int grain = (int) Math.max(1, n / (8L * parallelism));
        return new ParallelFor(from, to, grain, body, new AtomicReference<>());
    }

    @Override
    protected Void call() {
        int l = lo;
        int h = hi;
        ParallelFor[] forked = null;
        int nForked = 0;
        while (h - l > grain) {
            int mid = (int) (((long) l + h) >>> 1);
            ParallelFor right = new ParallelFor(mid, h, grain, body, failure);
            right.fork();
            if (forked == null) {
                forked = new ParallelFor[32];
            }
            forked[nForked++] = right;
            h = mid;
        }
        if (failure.get() == null) {
            try {
                for (int i = l; i < h; i++) {
                    body.accept(i);
                }
            } catch (Throwable t) {
                record(t);
            }
        }
        for (int i = nForked - 1; i >= 0; i--) {
            forked[i].quietlyJoin();
        }
        return null;
    }

    private void record(Throwable t) {
        if (!failure.compareAndSet(null, t)) {
            Throwable first = failure.get();
            if (first != t) {
                synchronized (first) {
                    first.addSuppressed(t);
                }
            }
        }
    }

    /** Rethrows the body's first exception, if any (after the whole range has finished). */
    void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw Tasks.<RuntimeException>sneaky(t);
        }
    }
}
