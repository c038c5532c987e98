package dev.weft.core.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;

/** The fields of events about one worker. */
abstract class WorkerEvent extends PoolEvent {
    @Label("Worker Index")
    @Description("The worker's slot in the pool (a replaced worker keeps its predecessor's index)")
    int workerIndex;

    @Label("Node")
    @Description("The NUMA node id the worker serves")
    int node;
}
