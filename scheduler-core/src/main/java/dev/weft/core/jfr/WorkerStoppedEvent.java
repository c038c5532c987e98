package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name("dev.weft.WorkerStopped")
@Label("Worker Stopped")
@Category({"Weft"})
@Description("A worker thread ended (the event's thread is the worker)")
@StackTrace(false)
final class WorkerStoppedEvent extends WorkerEvent {
    @Label("Spare")
    @Description("Whether it was started to stand in for a blocked worker")
    boolean spare;

    @Label("Reason")
    @Description("shutdown, shutdownNow, retired (idle past the keep-alive, or above a lowered parallelism),"
            + " or died: <exception>")
    String reason;

    @Label("Tasks Run")
    @Description("Tasks run by the worker's slot so far (a slot outlives a replaced or retired thread)")
    long tasksRun;
}
