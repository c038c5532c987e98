package dev.weft.core;

import dev.weft.ManagedBlocker;
import dev.weft.PoolConfig;
import dev.weft.TaskHandle;
import dev.weft.Weft;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Managed blocking adds spare workers up to maxThreads and retires them after keep-alive. */
class ManagedBlockingTest extends PoolTestBase {

    /** A blocker that waits on a latch, as user code would wrap a blocking call. */
    static ManagedBlocker on(CountDownLatch latch) {
        return new ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                return latch.await(WAIT_S, TimeUnit.SECONDS);
            }

            @Override
            public boolean isReleasable() {
                return latch.getCount() == 0;
            }
        };
    }

    @Test
    void managedBlock_sixtyFourBlockersReleasedByTheLastTask_allCompleteWithinTheThreadCap() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).maxThreads(256)
                .keepAlive(Duration.ofMillis(200)).build());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger maxLive = new AtomicInteger();
        List<TaskHandle<?>> blockers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            blockers.add(pool.submit(() -> {
                maxLive.accumulateAndGet(pool.workers().live(), Math::max);
                Weft.managedBlock(on(release));
                maxLive.accumulateAndGet(pool.workers().live(), Math::max);
                return null;
            }));
        }
        TaskHandle<?> releaser = pool.submit(release::countDown);
        releaser.get(WAIT_S, TimeUnit.SECONDS);
        for (TaskHandle<?> b : blockers) {
            b.get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(maxLive.get()).isBetween(2, 256);
        assertThat(pool.workers().capHits()).isZero();
        // Spares retire once their keep-alive has passed without work.
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pool.stats().poolSize() == 2);
    }

    @Test
    void managedBlock_atTheThreadCap_blocksWithoutASpareIsRecordedAndCompletesOnceAWorkerIsFree() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).maxThreads(3).build());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(3);
        List<TaskHandle<?>> blockers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blockers.add(pool.submit(() -> {
                blocking.countDown();
                Weft.managedBlock(on(release));
                return null;
            }));
        }
        assertThat(blocking.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        TaskHandle<?> releaser = pool.submit(release::countDown);
        // All three threads block and the cap forbids a fourth: the pool records it instead of hanging silently.
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pool.workers().capHits() > 0);
        assertThat(pool.stats().poolSize()).isEqualTo(3);
        assertThat(releaser.isDone()).isFalse();
        // Raising parallelism raises the cap (maxThreads is at least the parallelism): a worker runs the releaser.
        pool.setParallelism(4);
        releaser.get(WAIT_S, TimeUnit.SECONDS);
        for (TaskHandle<?> b : blockers) {
            b.get(WAIT_S, TimeUnit.SECONDS);
        }
        assertThat(pool.stats().poolSize()).isLessThanOrEqualTo(4);
    }

    @Test
    void managedBlock_releasableBlocker_neverBlocksNorAddsThreads() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).build());
        CountDownLatch open = new CountDownLatch(0);
        pool.submit(() -> {
            Weft.managedBlock(on(open));
            return null;
        }).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(pool.stats().poolSize()).isEqualTo(1);
    }
}
