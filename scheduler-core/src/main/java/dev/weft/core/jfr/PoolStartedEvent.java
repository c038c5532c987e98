package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("dev.weft.PoolStarted")
@Label("Pool Started")
@Category({"Weft"})
@Description("A Weft pool was created and started its workers")
final class PoolStartedEvent extends PoolEvent {
    @Label("Parallelism")
    @Description("The target number of workers")
    int parallelism;

    @Label("Max Threads")
    @Description("The thread cap, spare workers included")
    int maxThreads;

    @Label("Topology Provider")
    @Description("The provider that described the machine (or of the injected topology)")
    String topologyProvider;

    @Label("Nodes")
    @Description("NUMA nodes in the pool's topology")
    int nodes;

    @Label("Affinity Mode")
    @Description("How workers are pinned: NONE, NODE or CORE")
    String affinityMode;
}
