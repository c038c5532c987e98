package dev.weft.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.WeftPool;
import dev.weft.topology.Topology;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * A Guice module that binds one Weft pool per injector:
 * <ul>
 *   <li>{@link WeftPool}: a singleton built with {@link Weft#newPool(PoolConfig)}, so the scheduler and the
 *       topology provider are whatever {@link java.util.ServiceLoader} finds at run time;</li>
 *   <li>{@link ExecutorService}: the same instance;</li>
 *   <li>{@link Topology}: that pool's {@link WeftPool#topology()} (the configured topology, else the detected
 *       one);</li>
 *   <li>{@link WeftLifecycle}: closes the pool when the application stops.</li>
 * </ul>
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *         new WeftModule(PoolConfig.builder().parallelism(8).name("app").build()));
 * try (WeftLifecycle weft = injector.getInstance(WeftLifecycle.class)) {
 *     injector.getInstance(ReportService.class).run();   // @Inject ReportService(ExecutorService executor)
 * }
 * }</pre>
 *
 * <p>Guice has no lifecycle, so closing the pool is the application's job: call {@link WeftLifecycle#close()}
 * where the application stops (as above, or from a framework's stop callback). Where there is no such place,
 * {@link #withShutdownHook(Duration)} also closes it from a JVM shutdown hook. A forgotten pool does not keep
 * the JVM alive with the default {@link PoolConfig#daemon()} workers, but its queued tasks are then dropped.
 *
 * <p>The module holds only configuration, so one instance may be installed in several injectors; each gets its
 * own pool. Pools are created on first use ({@link com.google.inject.Stage#DEVELOPMENT}, the default) or when
 * the injector is created ({@link com.google.inject.Stage#PRODUCTION}).
 *
 * <p>On the module path this module needs nothing opened: it binds through provider instances, never through
 * reflection on its own classes. Guice does construct <em>your</em> classes reflectively, so a package holding
 * classes with {@code @Inject} constructors must either be exported with those constructors public, or be
 * opened to {@code com.google.guice} ({@code opens my.app to com.google.guice;}).
 */
public final class WeftModule extends AbstractModule {

    private final PoolConfig config;
    /** Grace period of the JVM shutdown hook; null: no hook. */
    private final Duration shutdownHookGrace;

    /** A module whose pools use {@link PoolConfig#defaults()}. */
    public WeftModule() {
        this(PoolConfig.defaults());
    }

    /**
     * A module whose pools use {@code config}.
     *
     * @param config the settings of every pool this module creates, one per injector
     */
    public WeftModule(PoolConfig config) {
        this(Objects.requireNonNull(config, "config"), null);
    }

    private WeftModule(PoolConfig config, Duration shutdownHookGrace) {
        this.config = config;
        this.shutdownHookGrace = shutdownHookGrace;
    }

    /**
     * A copy of this module that also closes each pool from a JVM shutdown hook, with
     * {@link WeftLifecycle#close(Duration) close(grace)}: queued and running tasks get {@code grace} to finish,
     * then the pool is stopped with {@code shutdownNow()}, so a stuck task cannot hold up the JVM's exit. The
     * hook is registered when the pool is created and removed when the application closes the pool itself.
     *
     * <p>A shutdown hook runs when the JVM starts shutting down: {@link System#exit}, a signal such as SIGTERM,
     * or the last non-daemon thread ending. With {@code PoolConfig.daemon(false)} workers the last case never
     * comes while the pool runs, so such an application must still close the pool itself.
     *
     * @param grace how long the hook waits for tasks before stopping the pool
     * @return a new module with the same configuration and the hook; this one is unchanged
     * @throws IllegalArgumentException when {@code grace} is negative or zero
     */
    public WeftModule withShutdownHook(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("shutdown hook grace = " + grace + " is invalid: allowed a positive duration");
        }
        return new WeftModule(config, grace);
    }

    /**
     * The configuration pools are built with.
     *
     * @return the settings passed to {@link Weft#newPool(PoolConfig)}
     */
    public PoolConfig config() {
        return config;
    }

    @Override
    protected void configure() {
        // Provider instances rather than @Provides methods or @Inject constructors: Guice then needs no
        // reflective access to this package, so dev.weft.guice opens nothing on the module path.
        bind(WeftLifecycle.class).toProvider(new LifecycleProvider(config, shutdownHookGrace)).in(Scopes.SINGLETON);
        bind(WeftPool.class).toProvider(new PoolProvider(getProvider(WeftLifecycle.class))).in(Scopes.SINGLETON);
        // A linked binding: ExecutorService resolves to the WeftPool singleton itself, not to a second pool.
        bind(ExecutorService.class).to(WeftPool.class);
        bind(Topology.class).toProvider(new PoolTopologyProvider(getProvider(WeftPool.class))).in(Scopes.SINGLETON);
    }

    @Override
    public String toString() {
        return "WeftModule[" + config + (shutdownHookGrace == null ? "" : ", shutdownHook=" + shutdownHookGrace) + "]";
    }

    private record LifecycleProvider(PoolConfig config, Duration hookGrace) implements Provider<WeftLifecycle> {
        @Override
        public WeftLifecycle get() {
            return new WeftLifecycle(config, hookGrace);
        }
    }

    private record PoolProvider(Provider<WeftLifecycle> lifecycle) implements Provider<WeftPool> {
        @Override
        public WeftPool get() {
            return lifecycle.get().pool();
        }
    }

    private record PoolTopologyProvider(Provider<WeftPool> pool) implements Provider<Topology> {
        @Override
        public Topology get() {
            return pool.get().topology();
        }
    }
}
