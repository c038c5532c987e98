/**
 * Weft's work-stealing scheduler. Exports nothing: applications reach it through
 * {@link dev.weft.Weft#newPool()}, which finds it with {@link java.util.ServiceLoader}. It records JDK Flight
 * Recorder events (category "Weft") and, on request, registers a {@link dev.weft.PoolMXBean} per pool; see the
 * module's README.
 */
module dev.weft.core {
    requires dev.weft;
    requires java.management;
    requires jdk.jfr;

    provides dev.weft.spi.SchedulerProvider with dev.weft.core.WorkStealingSchedulerProvider;
}
