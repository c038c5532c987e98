package dev.weft.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.weft.PoolConfig;
import dev.weft.WeftPool;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WeftModuleTest {

    private static final String PREFIX = "guice-test-";
    private static final PoolConfig CONFIG = PoolConfig.builder()
            .parallelism(2).threadNamePrefix(PREFIX).name("guice-test").build();
    private static final long WAIT_SECONDS = 10;

    /** Every lifecycle a test made, closed after it even when it fails, so no test leaks worker threads. */
    private final List<WeftLifecycle> lifecycles = new ArrayList<>();

    @AfterEach
    void closePools() {
        lifecycles.forEach(WeftLifecycle::close);
    }

    private Injector injector(Stage stage, Module module) {
        Injector injector = Guice.createInjector(stage, module);
        lifecycles.add(injector.getInstance(WeftLifecycle.class));
        return injector;
    }

    private Injector injector(Module module) {
        return injector(Stage.DEVELOPMENT, module);
    }

    @Test
    void injectedExecutorService_runsWorkOnWeftWorkersUntilLifecycleCloses() throws Exception {
        Injector injector = injector(new WeftModule(CONFIG));
        SampleApplication app = injector.getInstance(SampleApplication.class);
        WeftPool pool = injector.getInstance(WeftPool.class);

        SampleApplication.WhereItRan where = app.work().get(WAIT_SECONDS, TimeUnit.SECONDS);
        injector.getInstance(WeftLifecycle.class).close();

        assertThat(where.pool()).containsSame(pool);
        assertThat(where.threadName()).startsWith(PREFIX);
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void bindings_shareOnePoolPerInjector() {
        WeftModule module = new WeftModule(CONFIG);
        Injector injector = injector(module);
        WeftPool pool = injector.getInstance(WeftPool.class);

        assertThat(injector.getInstance(WeftPool.class)).isSameAs(pool);
        assertThat(injector.getInstance(ExecutorService.class)).isSameAs(pool);
        assertThat(injector.getInstance(Topology.class)).isSameAs(pool.topology());
        assertThat(injector.getInstance(WeftLifecycle.class)).isSameAs(injector.getInstance(WeftLifecycle.class));
        assertThat(injector(module).getInstance(WeftPool.class)).isNotSameAs(pool);
    }

    @Test
    void defaultConstructor_buildsPoolWithDefaultConfig() throws Exception {
        Injector injector = injector(new WeftModule());

        SampleApplication.WhereItRan where = injector.getInstance(SampleApplication.class).work()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(where.pool()).containsSame(injector.getInstance(WeftPool.class));
        assertThat(injector.getInstance(WeftPool.class).parallelism())
                .isEqualTo(injector.getInstance(Topology.class).defaultParallelism());
    }

    @Test
    void productionStage_createsPoolWithInjector() {
        Injector injector = injector(Stage.PRODUCTION, new WeftModule(CONFIG));

        // Closing before anyone asked for the pool still closes it: PRODUCTION created it eagerly.
        injector.getInstance(WeftLifecycle.class).close();

        assertThat(injector.getInstance(WeftPool.class).isTerminated()).isTrue();
    }

    @Test
    void close_beforePoolCreated_refusesLaterCreation() {
        Injector injector = injector(new WeftModule(CONFIG));
        WeftLifecycle lifecycle = injector.getInstance(WeftLifecycle.class);

        lifecycle.close();

        assertThat(lifecycle.isClosed()).isTrue();
        assertThatThrownBy(() -> injector.getInstance(ExecutorService.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasStackTraceContaining("already closed");
    }

    @Test
    void close_calledTwice_returnsWithPoolTerminated() {
        Injector injector = injector(new WeftModule(CONFIG));
        WeftPool pool = injector.getInstance(WeftPool.class);
        WeftLifecycle lifecycle = injector.getInstance(WeftLifecycle.class);

        lifecycle.close();
        lifecycle.close();

        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void closeWithTimeout_taskStillRunning_stopsPoolWithInterrupt() throws Exception {
        Injector injector = injector(new WeftModule(CONFIG));
        WeftPool pool = injector.getInstance(WeftPool.class);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        pool.execute(() -> {
            started.countDown();
            try {
                never.await();
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        boolean terminatedInTime = injector.getInstance(WeftLifecycle.class).close(Duration.ofMillis(50));

        assertThat(terminatedInTime).isFalse();
        assertThat(interrupted.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closeWithTimeout_negative_isRejected() {
        WeftLifecycle lifecycle = injector(new WeftModule(CONFIG)).getInstance(WeftLifecycle.class);

        assertThatThrownBy(() -> lifecycle.close(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout = PT-1S");
        assertThat(lifecycle.isClosed()).isFalse();
    }

    @Test
    void withShutdownHook_poolCreated_registersHookThatClosesPool() {
        Injector injector = injector(new WeftModule(CONFIG).withShutdownHook(Duration.ofSeconds(WAIT_SECONDS)));
        WeftPool pool = injector.getInstance(WeftPool.class);
        Thread hook = injector.getInstance(WeftLifecycle.class).shutdownHook().orElseThrow();

        // Removing succeeds only for a registered hook; then run its body here, as the JVM would at exit.
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
        hook.run();

        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void close_withShutdownHook_unregistersHook() {
        Injector injector = injector(new WeftModule(CONFIG).withShutdownHook(Duration.ofSeconds(WAIT_SECONDS)));
        injector.getInstance(WeftPool.class);
        WeftLifecycle lifecycle = injector.getInstance(WeftLifecycle.class);
        Thread hook = lifecycle.shutdownHook().orElseThrow();

        lifecycle.close();

        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
        assertThat(lifecycle.shutdownHook()).isEmpty();
    }

    @Test
    void withShutdownHook_withoutPool_registersNoHook() {
        WeftLifecycle lifecycle = injector(new WeftModule(CONFIG).withShutdownHook(Duration.ofSeconds(1)))
                .getInstance(WeftLifecycle.class);

        assertThat(lifecycle.shutdownHook()).isEmpty();
    }

    @Test
    void moduleDescriptor_exportsOnlyApiPackageAndOpensNothing() {
        ModuleDescriptor descriptor = WeftModule.class.getModule().getDescriptor();

        assertThat(descriptor.name()).isEqualTo("dev.weft.guice");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.weft.guice");
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void withShutdownHook_nonPositiveGrace_isRejected() {
        WeftModule module = new WeftModule(CONFIG);

        assertThatThrownBy(() -> module.withShutdownHook(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shutdown hook grace = PT0S")
                .hasMessageContaining("positive");
    }
}
