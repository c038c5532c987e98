package dev.weft;

/**
 * A fork/join task without a result, for code migrating from {@link java.util.concurrent.RecursiveAction}:
 * implement {@link #compute()}, fork subtasks, join them.
 */
public abstract class WeftRecursiveAction extends WeftTask<Void> {

    /**
     * Creates an action. Like {@code ForkJoinTask}'s, its {@code cancel(true)} does not interrupt the running thread
     * (see {@link WeftTask#WeftTask(boolean)}).
     */
    protected WeftRecursiveAction() {
        super(false);
    }

    /** The computation of this action. Unchecked exceptions complete it exceptionally. */
    protected abstract void compute();

    @Override
    protected final Void call() {
        compute();
        return null;
    }
}
