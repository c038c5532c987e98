package dev.weft.core.jfr;

import dev.weft.PoolStats;
import dev.weft.Priority;
import dev.weft.WeftPool;
import dev.weft.topology.CpuSet;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's only door to Flight Recorder: one static method per event, called at pool and worker
 * lifecycle points and on rejections (never per task).
 *
 * <h2>Implementation notes</h2>
 * <b>Cost while JFR is off.</b> Loading the first {@link jdk.jfr.Event} subclass makes the JDK initialize its
 * event machinery (measured here: about 0.3 s of CPU on JDK 17), which a process that never records should not
 * pay for creating a pool. So this class touches no event class until Flight Recorder is initialized: a
 * {@link FlightRecorderListener} (added when this class initializes, which is cheap) sets {@code recorderReady}
 * from {@code recorderInitialized}, which JFR calls when it starts (a {@code -XX:StartFlightRecording} flag,
 * {@code jcmd JFR.start}, a {@code Recording}) or at once if it already runs. Every method first reads that
 * volatile flag; once it is set, a method allocates its event and fills it only when {@code shouldCommit()}
 * says a recording wants it. Each method fills the fields of its own event type in place, even where that repeats
 * lines: handing an event to a helper typed by a superclass ({@code WorkerEvent}) makes the verifier load the
 * event classes when this class links (seen with {@code -Xlog:class+load}), which is the cost avoided above.
 * <p>
 * <b>Statistics.</b> One periodic hook for the whole process (registered with
 * {@link FlightRecorder#addPeriodicEvent} when JFR initializes) emits a {@code dev.weft.PoolStatistics} event for
 * every pool in {@code LIVE}: pools enter that set when they start and leave it when they terminate, so a
 * terminated pool is neither reported nor kept reachable. The set is concurrent: the hook runs in JFR's
 * periodic-task thread while pools come and go; a pool that starts or terminates during one pass may be
 * reported or not in that pass.
 */
public final class PoolEvents {

    private static final System.Logger LOG = System.getLogger("dev.weft.core");

    /** Pools started and not yet terminated. */
    private static final Set<WeftPool> LIVE = ConcurrentHashMap.newKeySet();

    /** Set once Flight Recorder is initialized; until then no event class is loaded. */
    private static volatile boolean recorderReady;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    onRecorderInitialized();
                }
            });
        } catch (RuntimeException e) {
            // A SecurityException under a security manager that denies FlightRecorderPermission.
            LOG.log(Level.DEBUG, "Weft's JFR events are off: {0}", e.toString());
        }
    }

    private PoolEvents() {
    }

    private static synchronized void onRecorderInitialized() {
        if (recorderReady) {
            return;
        }
        try {
            FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, PoolEvents::emitStatistics);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the JFR event dev.weft.PoolStatistics could not be registered: {0}", e.toString());
        }
        recorderReady = true;
    }

    private static void emitStatistics() {
        for (WeftPool pool : LIVE) {
            PoolStatisticsEvent e = new PoolStatisticsEvent();
            if (!e.shouldCommit()) {
                return;
            }
            PoolStats s = pool.stats();
            e.poolName = pool.name();
            e.submitted = s.submitted();
            e.completed = s.completed();
            e.failed = s.failed();
            e.cancelled = s.cancelled();
            e.rejected = s.rejected();
            e.callerRuns = s.callerRuns();
            e.sameNodeSteals = s.sameNodeSteals();
            e.otherNodeSteals = s.otherNodeSteals();
            e.parks = s.parks();
            e.poolSize = s.poolSize();
            e.activeCount = s.activeCount();
            e.queuedTasks = s.queuedTasks();
            e.parallelism = s.parallelism();
            e.commit();
        }
    }

    /** A pool started its workers; from now on the statistics event reports it. */
    public static void poolStarted(WeftPool pool, int maxThreads, String affinityMode) {
        LIVE.add(pool);
        if (recorderReady) {
            PoolStartedEvent e = new PoolStartedEvent();
            if (e.shouldCommit()) {
                e.poolName = pool.name();
                e.parallelism = pool.parallelism();
                e.maxThreads = maxThreads;
                e.topologyProvider = pool.topology().provider();
                e.nodes = pool.topology().nodes().size();
                e.affinityMode = affinityMode;
                e.commit();
            }
        }
    }

    /** A pool terminated; the statistics event no longer reports it. */
    public static void poolClosed(WeftPool pool, long lifetimeNanos) {
        LIVE.remove(pool);
        if (recorderReady) {
            PoolClosedEvent e = new PoolClosedEvent();
            if (e.shouldCommit()) {
                PoolStats s = pool.stats();
                e.poolName = pool.name();
                e.parallelism = s.parallelism();
                e.topologyProvider = pool.topology().provider();
                e.nodes = pool.topology().nodes().size();
                e.completed = s.completed();
                e.rejected = s.rejected();
                e.lifetime = lifetimeNanos;
                e.commit();
            }
        }
    }

    /** Called by a worker thread as it starts. */
    public static void workerStarted(String pool, int workerIndex, int node, boolean spare) {
        if (recorderReady) {
            WorkerStartedEvent e = new WorkerStartedEvent();
            if (e.shouldCommit()) {
                e.poolName = pool;
                e.workerIndex = workerIndex;
                e.node = node;
                e.spare = spare;
                e.commit();
            }
        }
    }

    /** Called by a worker thread as it ends. */
    public static void workerStopped(String pool, int workerIndex, int node, boolean spare, String reason,
                                     long tasksRun) {
        if (recorderReady) {
            WorkerStoppedEvent e = new WorkerStoppedEvent();
            if (e.shouldCommit()) {
                e.poolName = pool;
                e.workerIndex = workerIndex;
                e.node = node;
                e.spare = spare;
                e.reason = reason;
                e.tasksRun = tasksRun;
                e.commit();
            }
        }
    }

    /** A starting worker pinned itself to {@code cpus}. */
    public static void affinityBound(String pool, int workerIndex, int node, CpuSet cpus) {
        if (recorderReady) {
            AffinityBoundEvent e = new AffinityBoundEvent();
            if (e.shouldCommit()) {
                e.poolName = pool;
                e.workerIndex = workerIndex;
                e.node = node;
                e.cpus = cpus.toList();
                e.commit();
            }
        }
    }

    /** A starting worker could not pin itself to {@code cpus}; {@code errno} is -1 when no system call failed. */
    public static void affinityFailed(String pool, int workerIndex, int node, CpuSet cpus, String message, int errno) {
        if (recorderReady) {
            AffinityFailedEvent e = new AffinityFailedEvent();
            if (e.shouldCommit()) {
                e.poolName = pool;
                e.workerIndex = workerIndex;
                e.node = node;
                e.cpus = cpus.toList();
                e.message = message;
                e.errno = errno;
                e.commit();
            }
        }
    }

    /**
     * A submission was refused.
     *
     * @param reason one of {@code shutdown}, {@code queue full}, {@code timeout}, {@code interrupted}
     */
    public static void taskRejected(String pool, String reason, Priority priority, String message) {
        if (recorderReady) {
            TaskRejectedEvent e = new TaskRejectedEvent();
            if (e.shouldCommit()) {
                e.poolName = pool;
                e.reason = reason;
                e.priority = priority == null ? null : priority.name();
                e.message = message;
                e.commit();
            }
        }
    }
}
