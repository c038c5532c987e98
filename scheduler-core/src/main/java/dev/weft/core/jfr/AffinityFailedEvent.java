package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name("dev.weft.AffinityFailed")
@Label("Affinity Failed")
@Category({"Weft"})
@Description("A starting worker could not pin itself and runs unpinned")
@StackTrace(false)
final class AffinityFailedEvent extends WorkerEvent {
    @Label("CPUs")
    @Description("The CPUs it tried to bind to, in cpulist form")
    String cpus;

    @Label("Message")
    String message;

    @Label("Errno")
    @Description("The system call's errno, or -1 when no call failed")
    int errno;
}
