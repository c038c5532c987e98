package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.spi.TopologyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Weft-specific test classes share, in the TCK's manner: pools made here are stopped (and must
 * terminate) after each test, failures seen in other threads are rethrown there, every wait is bounded.
 */
@Timeout(60)
abstract class PoolTestBase {
    /** The bound on every wait; a healthy run never comes near it. */
    static final long WAIT_S = 20;

    final TestPools.Failures failures = new TestPools.Failures();
    private final List<ExecutorService> pools = new ArrayList<>();

    <P extends ExecutorService> P track(P pool) {
        pools.add(pool);
        return pool;
    }

    WorkStealingPool pool(int parallelism) {
        return track(TestPools.parallelism(parallelism));
    }

    WorkStealingPool pool(PoolConfig config) {
        return track(TestPools.create(config));
    }

    WorkStealingPool pool(PoolConfig config, TopologyProvider provider) {
        return track(TestPools.create(config, provider));
    }

    @AfterEach
    void stopPoolsAndRethrow() throws InterruptedException {
        for (ExecutorService p : pools) {
            TestPools.stop(p);
        }
        failures.rethrow();
    }

    /**
     * Occupies one worker until the returned latch is counted down. The task tolerates the interrupt of a
     * tearDown's shutdownNow().
     */
    static CountDownLatch blockWorker(ExecutorService pool) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                gate.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                // the pool is being stopped
            }
        });
        assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        return gate;
    }

    /** A task body that waits (bounded) until interrupted, then counts {@code interrupted} down. */
    static void awaitInterrupt(CountDownLatch interrupted) {
        try {
            new CountDownLatch(1).await(WAIT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted.countDown();
        }
    }

    /** Waits (bounded) until {@code condition} holds, polling every millisecond (Awaitility's default is 100 ms). */
    static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(WAIT_S)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(condition);
    }
}
