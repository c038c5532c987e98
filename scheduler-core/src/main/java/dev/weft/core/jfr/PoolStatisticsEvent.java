package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("dev.weft.PoolStatistics")
@Label("Pool Statistics")
@Category({"Weft"})
@Description("The counters of each live pool (as PoolStats), every period")
@Period("1 s")
@StackTrace(false)
final class PoolStatisticsEvent extends PoolEvent {
    @Label("Submitted")
    long submitted;
    @Label("Completed")
    long completed;
    @Label("Failed")
    long failed;
    @Label("Cancelled")
    long cancelled;
    @Label("Rejected")
    long rejected;
    @Label("Caller Runs")
    long callerRuns;
    @Label("Same-Node Steals")
    long sameNodeSteals;
    @Label("Other-Node Steals")
    long otherNodeSteals;
    @Label("Parks")
    long parks;
    @Label("Pool Size")
    @Description("Live worker threads, spares included")
    int poolSize;
    @Label("Active Count")
    @Description("Workers running a task")
    int activeCount;
    @Label("Queued Tasks")
    long queuedTasks;
    @Label("Parallelism")
    int parallelism;
}
