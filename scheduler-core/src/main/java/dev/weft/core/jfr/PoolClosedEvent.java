package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("dev.weft.PoolClosed")
@Label("Pool Closed")
@Category({"Weft"})
@Description("A Weft pool terminated: shut down, every worker ended")
@StackTrace(false)
final class PoolClosedEvent extends PoolEvent {
    @Label("Parallelism")
    int parallelism;

    @Label("Topology Provider")
    String topologyProvider;

    @Label("Nodes")
    int nodes;

    @Label("Completed Tasks")
    @Description("Tasks run to an end in the pool's lifetime")
    long completed;

    @Label("Rejected Tasks")
    long rejected;

    @Label("Lifetime")
    @Description("From creation to termination")
    @Timespan(Timespan.NANOSECONDS)
    long lifetime;
}
