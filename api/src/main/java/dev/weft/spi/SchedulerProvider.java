package dev.weft.spi;

import dev.weft.PoolConfig;
import dev.weft.WeftPool;

/**
 * Builds pools. Found with {@link java.util.ServiceLoader}: the highest-{@link #priority()} supported
 * provider wins; {@code -Dweft.scheduler=NAME} forces one.
 */
public interface SchedulerProvider {

    /** A short lower-case name, such as {@code work-stealing}. */
    String name();

    /** Higher wins. */
    int priority();

    /** Whether this provider works here. */
    boolean isSupported();

    /**
     * Builds and starts a pool.
     *
     * @param config   the validated settings
     * @param topology the provider of the live machine's topology and affinity (a topology in {@code config}
     *                 takes precedence over its {@link TopologyProvider#detect()})
     */
    WeftPool create(PoolConfig config, TopologyProvider topology);
}
