package dev.weft.core;

import dev.weft.PoolMXBean;
import dev.weft.Priority;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;

/**
 * A pool's {@link PoolMXBean}, registered on the platform MBean server as
 * {@value PoolMXBean#OBJECT_NAME_PREFIX}{@code <name>} while the pool lives. Every read goes to the pool (one
 * {@code stats()} snapshot per attribute: management reads are rare, and a cached snapshot would need a policy
 * for staleness). It holds the pool, never the reverse, so the platform server keeps a pool reachable only
 * until it terminates and {@link #unregister()} runs.
 */
final class PoolMXBeanImpl implements PoolMXBean {

    private static final System.Logger LOG = System.getLogger("dev.weft.core");

    private final WorkStealingPool pool;
    private final ObjectName objectName;

    private PoolMXBeanImpl(WorkStealingPool pool, ObjectName objectName) {
        this.pool = pool;
        this.objectName = objectName;
    }

    /**
     * Registers {@code pool}'s MXBean.
     *
     * @throws IllegalArgumentException naming the object name when an MBean of that name is registered already
     *                                  (another live pool of the same name)
     */
    static PoolMXBeanImpl register(WorkStealingPool pool) {
        ObjectName name;
        try {
            name = new ObjectName(OBJECT_NAME_PREFIX + pool.name());
        } catch (MalformedObjectNameException e) {
            // PoolConfig allows only letters, digits, '.', '_' and '-' in names: all legal unquoted values.
            throw new IllegalArgumentException("pool name '" + pool.name() + "' does not make a JMX object name: "
                    + e.getMessage(), e);
        }
        PoolMXBeanImpl bean = new PoolMXBeanImpl(pool, name);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalArgumentException("registerMXBean = true, but the MBean name " + name
                    + " is already registered (is another pool named '" + pool.name() + "' still running?):"
                    + " give the pool a unique name, or registerMXBean(false)", e);
        } catch (JMException e) {
            throw new IllegalStateException("could not register the MXBean " + name + ": " + e.getMessage(), e);
        }
        return bean;
    }

    ObjectName objectName() {
        return objectName;
    }

    /** Unregisters the MXBean; never throws (called while the pool terminates). */
    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(objectName);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it already through the MBean server: nothing left to do.
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "pool " + pool.name() + ": could not unregister the MXBean " + objectName, e);
        }
    }

    @Override
    public String getName() {
        return pool.name();
    }

    @Override
    public String getState() {
        return RunControl.name(pool.runState());
    }

    @Override
    public String getTopologyProvider() {
        return pool.topology().provider();
    }

    @Override
    public int getNodes() {
        return pool.topology().nodes().size();
    }

    @Override
    public int getParallelism() {
        return pool.parallelism();
    }

    @Override
    public void setParallelism(int parallelism) {
        pool.setParallelism(parallelism);
    }

    @Override
    public int getMaxThreads() {
        return pool.workers().maxThreads();
    }

    @Override
    public int getPoolSize() {
        return pool.workers().live();
    }

    @Override
    public int getActiveCount() {
        return pool.stats().activeCount();
    }

    @Override
    public long getSubmitted() {
        return pool.stats().submitted();
    }

    @Override
    public long getCompleted() {
        return pool.stats().completed();
    }

    @Override
    public long getFailed() {
        return pool.stats().failed();
    }

    @Override
    public long getCancelled() {
        return pool.stats().cancelled();
    }

    @Override
    public long getRejected() {
        return pool.stats().rejected();
    }

    @Override
    public long getCallerRuns() {
        return pool.stats().callerRuns();
    }

    @Override
    public long getSameNodeSteals() {
        return pool.stats().sameNodeSteals();
    }

    @Override
    public long getOtherNodeSteals() {
        return pool.stats().otherNodeSteals();
    }

    @Override
    public long getParks() {
        return pool.stats().parks();
    }

    @Override
    public long getQueuedTasks() {
        return pool.stats().queuedTasks();
    }

    @Override
    public long getQueuedExternal() {
        return pool.queues().size();
    }

    @Override
    public long getQueuedExternalHigh() {
        return pool.queues().size(Priority.HIGH.ordinal());
    }

    @Override
    public long getQueuedExternalNormal() {
        return pool.queues().size(Priority.NORMAL.ordinal());
    }

    @Override
    public long getQueuedExternalLow() {
        return pool.queues().size(Priority.LOW.ordinal());
    }
}
