package dev.weft.core;

import dev.weft.Priority;
import dev.weft.TaskHandle;
import dev.weft.WeftTask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tasks that start after others ({@code submitAfter}).
 *
 * <h2>Implementation notes</h2>
 * A dependent counts down its dependencies plus one guard (released after every callback is registered, so it
 * cannot start while registration is still going on). The first failed or cancelled dependency completes it
 * exceptionally with that failure; otherwise the last arrival enqueues it.
 * <p>
 * <b>Accounting.</b> A dependent waits in {@code pending} from its submission until it is enqueued, failed, or
 * cancelled. Leaving {@code pending} is the claim: exactly one of the enqueuer, a failing dependency, a
 * {@code cancel}, and {@code shutdownNow()} removes it. The enqueuer holds an internal submitter's place in
 * {@link RunControl} across "enqueue, then leave {@code pending}", so {@code shutdownNow()} (which waits for
 * submitters before draining {@code pending}) either finds it queued or still pending, never lost between; and a
 * worker deciding whether a shut-down pool is finished reads {@code pending} before the queues, so it cannot miss
 * a dependent on its way from one to the other.
 */
final class Dependencies {

    private final WorkStealingPool pool;
    private final Set<WeftTask<?>> pending = ConcurrentHashMap.newKeySet();

    Dependencies(WorkStealingPool pool) {
        this.pool = pool;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    <T> TaskHandle<T> submitAfter(Callable<T> callable, Priority priority, List<? extends TaskHandle<?>> dependencies) {
        Objects.requireNonNull(callable, "task");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(dependencies, "dependencies");
        List<TaskHandle<?>> deps = new ArrayList<>(dependencies.size());
        for (int i = 0; i < dependencies.size(); i++) {
            deps.add(Objects.requireNonNull(dependencies.get(i), "dependencies[" + i + "]"));
        }
        Dependent<T> task = new Dependent<>(callable, priority, deps.size() + 1);
        pool.admitPending(task, pending);
        for (TaskHandle<?> dep : deps) {
            if (dep instanceof WeftTask<?> wt) {
                wt.whenDone(() -> task.arrive(wt.isCompletedAbnormally() ? wt.getException() : null));
            } else {
                dep.toCompletableFuture().whenComplete((v, ex) -> task.arrive(unwrap(ex)));
            }
        }
        task.arrive(null);
        return task;
    }

    private static Throwable unwrap(Throwable ex) {
        return ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
    }

    /** Removes every pending dependent for {@code shutdownNow()}; call only once submitters are drained. */
    void drainTo(List<Runnable> sink) {
        for (WeftTask<?> t : pending) {
            if (pending.remove(t)) {
                sink.add(t);
            }
        }
    }

    private final class Dependent<T> extends Tasks.CallableTask<T> {
        private static final VarHandle REMAINING;
        private static final VarHandle FAILED;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                REMAINING = l.findVarHandle(Dependent.class, "remaining", int.class);
                FAILED = l.findVarHandle(Dependent.class, "failed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile int remaining;
        private volatile boolean failed;

        Dependent(Callable<T> callable, Priority priority, int count) {
            super(callable, priority);
            this.remaining = count;
        }

        void arrive(Throwable failure) {
            if (failure != null) {
                if (FAILED.compareAndSet(this, false, true) && pending.remove(this)) {
                    completeExceptionally(failure);
                    pool.pendingLeft();
                }
                return;
            }
            if ((int) REMAINING.getAndAdd(this, -1) == 1 && !failed) {
                pool.releaseDependent(this, pending);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean done = super.cancel(mayInterruptIfRunning);
            if (done && pending.remove(this)) {
                pool.pendingLeft();
            }
            return done;
        }
    }
}
