/**
 * Guice integration: install {@link dev.weft.guice.WeftModule}, inject {@link java.util.concurrent.ExecutorService}
 * (or {@link dev.weft.WeftPool}, or {@link dev.weft.topology.Topology}) anywhere, and close the pool through
 * {@link dev.weft.guice.WeftLifecycle} when the application stops.
 *
 * <pre>{@code
 * public final class ReportService {
 *     private final ExecutorService executor;
 *
 *     @Inject   // jakarta.inject.Inject
 *     public ReportService(ExecutorService executor) {
 *         this.executor = executor;
 *     }
 * }
 *
 * Injector injector = Guice.createInjector(new WeftModule().withShutdownHook(Duration.ofSeconds(10)));
 * ReportService reports = injector.getInstance(ReportService.class);
 * ...
 * injector.getInstance(WeftLifecycle.class).close();   // where the application stops
 * }</pre>
 *
 * <p>The pool comes from {@link dev.weft.Weft#newPool(dev.weft.PoolConfig)}: put {@code weft-scheduler-core}
 * and a topology provider ({@code weft-numa-linux}, {@code weft-numa-fallback}) on the run-time path.
 */
package dev.weft.guice;
