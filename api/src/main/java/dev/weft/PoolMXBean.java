package dev.weft;

/**
 * The management view of one pool, registered on the platform MBean server by pools built with
 * {@link PoolConfig.Builder#registerMXBean(boolean) registerMXBean(true)} under the name
 * {@value #OBJECT_NAME_PREFIX}{@code <pool name>}, and unregistered when the pool terminates (before
 * {@link WeftPool#awaitTermination} returns true). The counters are those of {@link PoolStats}, read afresh on
 * every call; only {@linkplain #setParallelism(int) Parallelism} is writable.
 *
 * <pre>{@code
 * ObjectName name = new ObjectName(PoolMXBean.OBJECT_NAME_PREFIX + "render");
 * PoolMXBean bean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name, PoolMXBean.class);
 * long done = bean.getCompleted();
 * }</pre>
 *
 * <p>The interface lives in the exported API package because JMX reads an MXBean's interface reflectively: an
 * interface in a package the module does not export cannot be read (its attributes fail with an
 * {@link IllegalAccessException}).
 */
public interface PoolMXBean {

    /** The object name of a pool's MXBean without the pool name: {@value}. */
    String OBJECT_NAME_PREFIX = "dev.weft:type=Pool,name=";

    /** The pool's {@linkplain WeftPool#name() name}. */
    String getName();

    /** The run state: {@code RUNNING}, {@code SHUTDOWN}, {@code STOP} or {@code TERMINATED}. */
    String getState();

    /** The name of the topology provider that described the pool's machine ({@code linux}, {@code fallback}, ...). */
    String getTopologyProvider();

    /** The number of NUMA nodes of the pool's topology. */
    int getNodes();

    /** The target number of workers. */
    int getParallelism();

    /**
     * Changes the target number of workers, as {@link WeftPool#setParallelism(int)} does (ignored once the pool
     * is shut down).
     *
     * @throws IllegalArgumentException when {@code parallelism} is outside 1..{@value PoolConfig#MAX_THREADS}
     *                                  (a JMX client sees it as the cause of a
     *                                  {@code javax.management.RuntimeMBeanException})
     */
    void setParallelism(int parallelism);

    /** The most threads the pool may run, spares included. */
    int getMaxThreads();

    /** {@link PoolStats#poolSize()}: live worker threads, spares included. */
    int getPoolSize();

    /** {@link PoolStats#activeCount()}: workers running a task now. */
    int getActiveCount();

    /** {@link PoolStats#submitted()}. */
    long getSubmitted();

    /** {@link PoolStats#completed()}. */
    long getCompleted();

    /** {@link PoolStats#failed()}. */
    long getFailed();

    /** {@link PoolStats#cancelled()}. */
    long getCancelled();

    /** {@link PoolStats#rejected()}. */
    long getRejected();

    /** {@link PoolStats#callerRuns()}. */
    long getCallerRuns();

    /** {@link PoolStats#sameNodeSteals()}. */
    long getSameNodeSteals();

    /** {@link PoolStats#otherNodeSteals()}. */
    long getOtherNodeSteals();

    /** {@link PoolStats#parks()}. */
    long getParks();

    /** {@link PoolStats#queuedTasks()}: tasks waiting in the workers' deques and the external queues. */
    long getQueuedTasks();

    /** Tasks waiting in the external queues (submissions from outside the pool), all priorities. */
    long getQueuedExternal();

    /** Tasks of {@link Priority#HIGH} waiting in the external queues. */
    long getQueuedExternalHigh();

    /** Tasks of {@link Priority#NORMAL} waiting in the external queues. */
    long getQueuedExternalNormal();

    /** Tasks of {@link Priority#LOW} waiting in the external queues. */
    long getQueuedExternalLow();
}
