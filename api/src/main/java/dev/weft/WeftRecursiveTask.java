package dev.weft;

/**
 * A fork/join task that returns a result, for code migrating from
 * {@link java.util.concurrent.RecursiveTask}: implement {@link #compute()}, {@link #fork()} subtasks,
 * {@link #join()} them. Run the root with {@link WeftPool#invoke(WeftTask)}.
 *
 * <pre>{@code
 * final class Fib extends WeftRecursiveTask<Integer> {
 *     final int n;
 *     Fib(int n) { this.n = n; }
 *     protected Integer compute() {
 *         if (n < 2) return n;
 *         Fib f1 = new Fib(n - 1);
 *         f1.fork();
 *         return new Fib(n - 2).compute() + f1.join();
 *     }
 * }
 * int v = pool.invoke(new Fib(30));
 * }</pre>
 *
 * @param <V> the result type
 */
public abstract class WeftRecursiveTask<V> extends WeftTask<V> {

    /**
     * Creates a task. Like {@code ForkJoinTask}'s, its {@code cancel(true)} does not interrupt the running thread
     * (see {@link WeftTask#WeftTask(boolean)}).
     */
    protected WeftRecursiveTask() {
        super(false);
    }

    /** The computation of this task. Unchecked exceptions complete it exceptionally. */
    protected abstract V compute();

    @Override
    protected final V call() {
        return compute();
    }

    /**
     * Forks {@code t2}, runs {@code t1} here, then joins {@code t2}, like
     * {@link java.util.concurrent.ForkJoinTask#invokeAll(java.util.concurrent.ForkJoinTask, java.util.concurrent.ForkJoinTask)};
     * the first failure is thrown as a {@link java.util.concurrent.CompletionException} whose cause is the
     * task's exception (where {@code ForkJoinTask} throws the exception itself).
     */
    public static void invokeAll(WeftTask<?> t1, WeftTask<?> t2) {
        t2.fork();
        t1.invoke();
        t2.join();
    }

    /** Forks all but the first task, runs the first here, then joins the others in order. */
    public static void invokeAll(WeftTask<?>... tasks) {
        for (int i = tasks.length - 1; i >= 1; i--) {
            tasks[i].fork();
        }
        if (tasks.length > 0) {
            tasks[0].invoke();
        }
        for (int i = 1; i < tasks.length; i++) {
            tasks[i].join();
        }
    }
}
