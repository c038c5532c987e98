package dev.weft.guice;

import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.WeftPool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Owns the {@link WeftPool} of one injector and closes it when the application stops. Guice has no lifecycle
 * of its own, so the application (or an opt-in JVM shutdown hook, see
 * {@link WeftModule#withShutdownHook(Duration)}) says when:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new WeftModule());
 * try (WeftLifecycle weft = injector.getInstance(WeftLifecycle.class)) {
 *     injector.getInstance(MyApplication.class).run();
 * }   // shuts the pool down and waits for its tasks
 * }</pre>
 *
 * <p>{@link WeftModule} binds one instance per injector, as a singleton. The pool is created on first use (when
 * something injects {@code WeftPool}, {@code ExecutorService} or {@code Topology}; at injector creation in
 * {@link com.google.inject.Stage#PRODUCTION}). Once this lifecycle is closed the injector provides no pool any
 * more: a later request fails with an {@link IllegalStateException} (wrapped in Guice's
 * {@link com.google.inject.ProvisionException}) rather than quietly starting a new pool nobody would close.
 *
 * <h2>Implementation notes</h2>
 * Thread safety: {@code pool}, {@code closed} and {@code shutdownHook} are guarded by {@code this}. Creating the
 * pool happens under the lock, so two threads can never create two pools (Guice's singleton scope already
 * serialises it; the lock makes the class safe on its own). Closing only swaps state under the lock and then
 * waits for termination outside it, so an application thread and the shutdown hook may close at the same time:
 * both end up in the pool's own idempotent shutdown. {@link WeftPool#close()} called from one of the pool's own
 * workers starts the shutdown and returns, so closing from inside a task cannot deadlock.
 */
public final class WeftLifecycle implements AutoCloseable {

    private final PoolConfig config;
    /** How long the shutdown hook waits for tasks before stopping the pool; null: no hook. */
    private final Duration hookGrace;

    private WeftPool pool;
    private boolean closed;
    private Thread shutdownHook;

    WeftLifecycle(PoolConfig config, Duration hookGrace) {
        this.config = Objects.requireNonNull(config, "config");
        this.hookGrace = hookGrace;
    }

    /**
     * The pool, created with {@link Weft#newPool(PoolConfig)} on the first call.
     *
     * @throws IllegalStateException after {@link #close()}, or when the JVM is already shutting down and a
     *                               shutdown hook was asked for
     */
    synchronized WeftPool pool() {
        if (closed) {
            throw new IllegalStateException("the Weft pool of this injector was already closed through "
                    + "WeftLifecycle: create a new injector for a new pool");
        }
        if (pool == null) {
            // Hook first: during JVM shutdown adding it throws, and then no pool exists that nobody would close.
            Thread hook = hookGrace == null ? null : registerShutdownHook();
            try {
                pool = Weft.newPool(config);
            } catch (RuntimeException | Error e) {
                if (hook != null) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                throw e;
            }
            shutdownHook = hook;
        }
        return pool;
    }

    private Thread registerShutdownHook() {
        Thread hook = new Thread(() -> close(hookGrace), "weft-guice-shutdown-" + config.name().orElse("pool"));
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /**
     * Shuts the pool down and waits until it has terminated: queued tasks still run, new ones are rejected.
     * If the waiting thread is interrupted, the pool is stopped with {@link WeftPool#shutdownNow()} and the
     * interrupt status is restored (as {@link WeftPool#close()} does). Idempotent: a later call returns once
     * the pool has terminated. When no pool was created, it only refuses later pool creation.
     */
    @Override
    public void close() {
        WeftPool p = markClosed();
        if (p != null) {
            p.close();
        }
    }

    /**
     * Shuts the pool down, waits up to {@code timeout} for its tasks, then stops it with
     * {@link WeftPool#shutdownNow()} (interrupting the tasks still running and dropping those never started).
     * Use it where waiting forever is not an option, such as a shutdown hook.
     *
     * @param timeout how long to wait for the tasks before stopping the pool; zero stops it at once
     * @return true when the pool terminated within the timeout (or no pool was ever created)
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout = " + timeout + " is invalid: allowed a duration >= 0");
        }
        WeftPool p = markClosed();
        if (p == null) {
            return true;
        }
        p.shutdown();
        boolean terminated = false;
        try {
            terminated = p.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!terminated) {
            p.shutdownNow();
        }
        return terminated;
    }

    /**
     * Whether this lifecycle was closed.
     *
     * @return true once {@link #close()} or {@link #close(Duration)} has been called
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The registered shutdown hook, while one is registered (for tests). */
    synchronized Optional<Thread> shutdownHook() {
        return Optional.ofNullable(shutdownHook);
    }

    /**
     * Refuses further pools, unregisters the hook, and returns the pool to close (null if none was created).
     * Returns the pool on every call, not just the first: a second closer must also wait for termination.
     */
    private WeftPool markClosed() {
        WeftPool p;
        Thread hook;
        synchronized (this) {
            closed = true;
            p = pool;
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs (or ran) anyway and finds the pool closed.
            }
        }
        return p;
    }
}
