/**
 * Weft's work-stealing scheduler. Exports nothing: applications reach it through
 * {@link dev.weft.Weft#newPool()}, which finds it with {@link java.util.ServiceLoader}.
 */
module dev.weft.core {
    requires dev.weft;

    provides dev.weft.spi.SchedulerProvider with dev.weft.core.WorkStealingSchedulerProvider;
}
