package dev.weft;

import java.util.List;

/**
 * A snapshot of a pool's counters. Counters are read one after another while the pool runs, so a snapshot
 * taken under load is approximate; one taken while the pool is quiet (see
 * {@link WeftPool#awaitQuiescence}) is exact: then the per-worker counts add up to {@link #completed()}.
 *
 * @param submitted        tasks accepted (external submissions, forks and dependents)
 * @param completed        tasks that ran to an end, normally or not, in the pool's threads
 * @param failed           of those, tasks that threw
 * @param cancelled        tasks cancelled before or while running
 * @param rejected         submissions refused with {@link java.util.concurrent.RejectedExecutionException}
 * @param callerRuns       tasks run by the submitting thread under {@link SaturationPolicy#CALLER_RUNS}
 * @param sameNodeSteals   tasks taken from another worker of the thief's NUMA node
 * @param otherNodeSteals  tasks taken from a worker of another node, or from another node's external queue (a
 *                         node's external tasks go to its own workers while one of them is free)
 * @param parks            times a worker parked for lack of work
 * @param tasksRunPerWorker tasks run by each worker slot, in worker index order (a replaced worker's count
 *                         carries over to its successor, and a retired spare's slot to the next spare)
 * @param poolSize         live worker threads, spares included
 * @param activeCount      workers running a task now
 * @param queuedTasks      tasks waiting in deques and external queues
 * @param parallelism      the target number of workers
 */
public record PoolStats(long submitted, long completed, long failed, long cancelled, long rejected, long callerRuns,
                        long sameNodeSteals, long otherNodeSteals, long parks, List<Long> tasksRunPerWorker,
                        int poolSize, int activeCount, long queuedTasks, int parallelism) {
    /** Copies the list. */
    public PoolStats {
        tasksRunPerWorker = List.copyOf(tasksRunPerWorker);
    }

    /** Steals of both kinds. */
    public long steals() {
        return sameNodeSteals + otherNodeSteals;
    }
}
