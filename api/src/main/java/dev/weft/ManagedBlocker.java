package dev.weft;

/**
 * A blocking operation that a task tells the pool about, so that the pool can add a spare worker while it
 * blocks (in the spirit of {@link java.util.concurrent.ForkJoinPool.ManagedBlocker}). Run it through
 * {@link Weft#managedBlock(ManagedBlocker)}.
 */
public interface ManagedBlocker {
    /**
     * Blocks, possibly for a long time.
     *
     * @return true when no more blocking is needed (typically when {@link #isReleasable()} would now be true)
     * @throws InterruptedException if interrupted while blocking
     */
    boolean block() throws InterruptedException;

    /** True when blocking is unnecessary, for example because the awaited resource is already available. */
    boolean isReleasable();
}
