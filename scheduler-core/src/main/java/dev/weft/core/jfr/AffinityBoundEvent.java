package dev.weft.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name("dev.weft.AffinityBound")
@Label("Affinity Bound")
@Category({"Weft"})
@Description("A starting worker pinned itself to its CPUs")
@StackTrace(false)
final class AffinityBoundEvent extends WorkerEvent {
    @Label("CPUs")
    @Description("The CPUs, in the kernel's cpulist form (\"0-3,8-11\")")
    String cpus;
}
