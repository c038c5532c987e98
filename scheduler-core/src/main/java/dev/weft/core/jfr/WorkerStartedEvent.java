package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name("dev.weft.WorkerStarted")
@Label("Worker Started")
@Category({"Weft"})
@Description("A worker thread started (the event's thread is the worker)")
@StackTrace(false)
final class WorkerStartedEvent extends WorkerEvent {
    @Label("Spare")
    @Description("Whether it was started to stand in for a blocked worker (managed blocking or a blocked join)")
    boolean spare;
}
