/**
 * Service-provider interfaces: {@link dev.weft.spi.TopologyProvider} and {@link dev.weft.spi.ThreadAffinity}
 * describe the machine and pin threads; {@link dev.weft.spi.SchedulerProvider} builds pools;
 * {@link dev.weft.spi.SchedulerWorker} lets API types reach the worker running them. Implementations are
 * found with {@link java.util.ServiceLoader} only.
 */
package dev.weft.spi;
