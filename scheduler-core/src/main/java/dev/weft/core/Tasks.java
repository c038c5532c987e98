package dev.weft.core;

import dev.weft.Priority;
import dev.weft.WeftTask;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The task objects the pool wraps around user code: one allocation per submission, the task itself.
 *
 * <h2>Implementation notes</h2>
 * All state and its ordering live in {@link WeftTask}; these classes only hold the user's code, written in the
 * constructor and published with the task by the queue or deque that carries it.
 */
final class Tasks {

    private Tasks() {
    }

    /** Wraps a {@link Callable}. */
    static class CallableTask<T> extends WeftTask<T> {
        private final Callable<? extends T> callable;

        CallableTask(Callable<? extends T> callable, Priority priority) {
            this(callable, priority, true);
        }

        /**
         * @param cancelInterrupts false for a task forked with {@code WeftPool.fork}: a fork/join task, like
         *                         {@code ForkJoinTask.adapt(callable).fork()}, whose {@code cancel(true)} does
         *                         not interrupt
         */
        CallableTask(Callable<? extends T> callable, Priority priority, boolean cancelInterrupts) {
            super(cancelInterrupts);
            this.callable = Objects.requireNonNull(callable, "task");
            if (priority != null) {
                withPriority(priority);
            }
        }

        @Override
        protected T call() throws Exception {
            return callable.call();
        }

        @Override
        public String toString() {
            return super.toString() + "[" + callable + "]";
        }
    }

    /** Wraps a {@link Runnable} given to {@code submit}: its result is {@code result}. */
    static final class RunnableTask<T> extends WeftTask<T> {
        private final Runnable runnable;
        private final T result;

        RunnableTask(Runnable runnable, T result, Priority priority) {
            this.runnable = Objects.requireNonNull(runnable, "task");
            this.result = result;
            if (priority != null) {
                withPriority(priority);
            }
        }

        @Override
        protected T call() {
            runnable.run();
            return result;
        }

        @Override
        public String toString() {
            return super.toString() + "[" + runnable + "]";
        }
    }

    /**
     * Wraps a {@link Runnable} given to {@code execute}: nobody holds a future, so a failure goes to the pool's
     * uncaught-exception handler (else the running thread's) before completing the task exceptionally. The worker
     * survives it, whatever it is (an {@code Error} included).
     */
    static final class ExecuteTask extends WeftTask<Void> {
        final Runnable runnable;
        private final WorkStealingPool pool;

        ExecuteTask(Runnable runnable, Priority priority, WorkStealingPool pool) {
            super(false); // nobody holds a future to cancel it: no claim needed (WeftTask's notes)
            this.runnable = Objects.requireNonNull(runnable, "task");
            this.pool = pool;
            if (priority != null) {
                withPriority(priority);
            }
        }

        @Override
        protected Void call() throws Exception {
            try {
                runnable.run();
            } catch (Throwable t) {
                pool.reportUncaught(t);
                throw sneaky(t);
            }
            return null;
        }

        @Override
        public String toString() {
            return super.toString() + "[" + runnable + "]";
        }
    }

    /** A task that is never run, only completed: the meeting point of {@code invokeAny}. */
    static final class Promise<T> extends WeftTask<T> {
        @Override
        protected T call() {
            throw new IllegalStateException("a promise is completed, never run");
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
