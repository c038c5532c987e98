/**
 * Weft's public API: the {@link dev.weft.Weft} entry point, {@link dev.weft.WeftPool}, tasks and
 * configuration; the machine model in {@code dev.weft.topology}; and the service-provider interfaces in
 * {@code dev.weft.spi} through which {@link java.util.ServiceLoader} finds a scheduler and a topology
 * provider at run time.
 */
module dev.weft {
    exports dev.weft;
    exports dev.weft.topology;
    exports dev.weft.spi;

    uses dev.weft.spi.SchedulerProvider;
    uses dev.weft.spi.TopologyProvider;
}
