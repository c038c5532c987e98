package dev.weft.core;

import dev.weft.PoolConfig;
import dev.weft.SaturationPolicy;
import dev.weft.TaskHandle;
import dev.weft.Weft;
import dev.weft.WeftRecursiveAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Weft-specific lifecycle: close(), resizing, saturation policies, interrupt hygiene, the provider. */
class LifecycleTest extends PoolTestBase {

    @Test
    void close_fromOutside_waitsForQueuedTasksAndIsIdempotent() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch gate = blockWorker(pool);
        TaskHandle<Integer> queued = pool.submit(() -> 5);
        Thread opener = new Thread(gate::countDown);
        opener.start();
        pool.close();
        opener.join(WAIT_S * 1000);
        assertThat(pool.isTerminated()).isTrue();
        assertThat(queued.get()).isEqualTo(5);
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void close_fromAWorkerOfThePool_startsTheShutdownAndReturns() throws Exception {
        WorkStealingPool pool = pool(2);
        TaskHandle<Boolean> h = pool.submit(() -> {
            pool.close();
            return pool.isShutdown();
        });
        assertThat(h.get(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void close_interruptedWhileWaiting_stopsThePoolAndKeepsTheInterrupt() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitInterrupt(interrupted);
        });
        assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread closer = new Thread(() -> {
            Thread.currentThread().interrupt();
            pool.close();
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        closer.join(WAIT_S * 1000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(interrupted.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void shutdownNow_tasksInWorkerDeques_areReturned() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch forked = new CountDownLatch(1);
        List<TaskHandle<Integer>> children = new ArrayList<>();
        pool.execute(() -> {
            for (int i = 0; i < 10; i++) {
                synchronized (children) {
                    children.add(pool.fork(() -> 1));
                }
            }
            forked.countDown();
            try {
                new CountDownLatch(1).await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException expected) {
                // shutdownNow() interrupts the running task
            }
        });
        assertThat(forked.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        List<Runnable> returned = pool.shutdownNow();
        synchronized (children) {
            assertThat(returned).hasSize(10);
            for (TaskHandle<Integer> c : children) {
                assertThat(returned).anyMatch(r -> r == c);
                assertThat(c.isDone()).isFalse();
            }
        }
        assertThat(pool.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void execute_runnable_shutdownNowReturnsTheOriginalRunnable() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch gate = blockWorker(pool);
        Runnable mine = () -> { };
        pool.execute(mine);
        assertThat(pool.shutdownNow()).containsExactly(mine);
        gate.countDown();
    }

    @Test
    void setParallelism_upAndDown_whileRunning() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).keepAlive(Duration.ofMillis(100)).build());
        pool.setParallelism(3);
        assertThat(pool.parallelism()).isEqualTo(3);
        CyclicBarrier three = new CyclicBarrier(3);
        List<TaskHandle<Integer>> hs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hs.add(pool.submit(() -> three.await(WAIT_S, TimeUnit.SECONDS)));
        }
        for (TaskHandle<Integer> h : hs) {
            h.get(WAIT_S, TimeUnit.SECONDS);
        }
        pool.setParallelism(1);
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> pool.stats().poolSize() == 1);
        assertThat(pool.submit(() -> 9).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(9);
        assertThatThrownBy(() -> pool.setParallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism = 0");
    }

    @Test
    void saturation_reject_countsTasksUntilAWorkerTakesThemToRun() throws Exception {
        // Capacity 4: while the only worker runs the first task, the three behind it still hold their places
        // (a worker takes tasks from a bounded queue one at a time), so one more fits and the next is refused.
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).queueCapacity(4)
                .saturationPolicy(SaturationPolicy.REJECT).build());
        CountDownLatch gate = blockWorker(pool);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            firstRunning.countDown();
            try {
                release.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                // the pool is being stopped
            }
        });
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> { });
        }
        gate.countDown();
        assertThat(firstRunning.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        pool.execute(() -> { });
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("queueCapacity = 4");
        release.countDown();
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void saturation_callerRuns_runsInTheSubmitterAndCountsApart() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).queueCapacity(1)
                .saturationPolicy(SaturationPolicy.CALLER_RUNS).build());
        CountDownLatch gate = blockWorker(pool);
        pool.submit(() -> 1);
        Thread me = Thread.currentThread();
        TaskHandle<Thread> ranIn = pool.submit(Thread::currentThread);
        assertThat(ranIn.isDone()).isTrue();
        assertThat(ranIn.get()).isSameAs(me);
        assertThat(pool.stats().callerRuns()).isEqualTo(1);
        gate.countDown();
    }

    @Test
    void saturation_block_waitsForRoomThenRejectsAfterTheTimeout() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).queueCapacity(1)
                .saturationPolicy(SaturationPolicy.BLOCK).saturationTimeout(Duration.ofMillis(50)).build());
        CountDownLatch gate = blockWorker(pool);
        pool.submit(() -> 1);
        assertThatThrownBy(() -> pool.submit(() -> 2)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("saturationTimeout");
        assertThat(pool.stats().rejected()).isEqualTo(1);
        // With a long timeout, the blocked submitter proceeds as soon as the worker frees a place.
        WorkStealingPool patient = pool(PoolConfig.builder().parallelism(1).queueCapacity(1)
                .saturationPolicy(SaturationPolicy.BLOCK).saturationTimeout(Duration.ofSeconds(WAIT_S)).build());
        CountDownLatch gate2 = blockWorker(patient);
        patient.submit(() -> 1);
        AtomicReference<TaskHandle<Integer>> second = new AtomicReference<>();
        Thread submitter = new Thread(failures.guard(() -> second.set(patient.submit(() -> 2))));
        submitter.start();
        gate2.countDown();
        submitter.join(WAIT_S * 1000);
        assertThat(submitter.isAlive()).isFalse();
        assertThat(second.get().get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(2);
        gate.countDown();
    }

    @Test
    void saturation_blockedSubmitter_isRejectedWhenThePoolShutsDown() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(1).queueCapacity(1)
                .saturationPolicy(SaturationPolicy.BLOCK).saturationTimeout(Duration.ofSeconds(WAIT_S)).build());
        CountDownLatch gate = blockWorker(pool);
        pool.submit(() -> 1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread submitter = new Thread(() -> {
            try {
                pool.submit(() -> 2);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        submitter.start();
        await().atMost(Duration.ofSeconds(WAIT_S)).until(() -> submitter.getState() == Thread.State.TIMED_WAITING);
        pool.shutdown();
        submitter.join(WAIT_S * 1000);
        assertThat(outcome.get()).isInstanceOf(RejectedExecutionException.class);
        gate.countDown();
    }

    @Test
    void runTask_previousTaskLeftItsInterruptSet_nextTaskStartsClean() throws Exception {
        WorkStealingPool pool = pool(1);
        for (int i = 0; i < 100; i++) {
            pool.execute(() -> Thread.currentThread().interrupt());
            assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get(WAIT_S, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void submit_errorInTask_workerSurvivesAndPoolKeepsItsSize() throws Exception {
        WorkStealingPool pool = pool(2);
        for (int i = 0; i < 4; i++) {
            TaskHandle<Integer> h = pool.submit(() -> AbstractExecutorServiceContractTest.recurse(0));
            assertThatThrownBy(h::join).hasCauseInstanceOf(StackOverflowError.class);
        }
        assertThat(pool.awaitQuiescence(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.stats().poolSize()).isEqualTo(2);
        assertThat(pool.stats().failed()).isEqualTo(4);
    }

    @Test
    void join_inAWorkerOfAStoppingPool_neverHangs() throws Exception {
        WorkStealingPool pool = pool(1);
        CountDownLatch forked = new CountDownLatch(1);
        AtomicReference<Throwable> joinOutcome = new AtomicReference<>();
        pool.execute(() -> {
            WeftRecursiveAction child = new WeftRecursiveAction() {
                @Override
                protected void compute() {
                }
            };
            child.fork();
            forked.countDown();
            try {
                new CountDownLatch(1).await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // stopping: the child was drained by shutdownNow, so joining it must not wait forever
            }
            try {
                child.join();
            } catch (Throwable t) {
                joinOutcome.set(t);
            }
        });
        assertThat(forked.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.shutdownNow()).hasSize(1);
        assertThat(pool.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(joinOutcome.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void provider_foundByServiceLoader_isTheWorkStealingScheduler() {
        assertThat(Weft.schedulerProvider().name()).isEqualTo("work-stealing");
        assertThat(Weft.schedulerProvider().priority()).isEqualTo(100);
        assertThat(Weft.schedulerProvider().isSupported()).isTrue();
    }

    @Test
    void stats_andToString_describeThePool() throws Exception {
        WorkStealingPool pool = pool(PoolConfig.builder().parallelism(2).name("described").build());
        assertThat(pool.name()).isEqualTo("described");
        assertThat(pool.toString()).contains("described").contains("RUNNING");
        assertThat(pool.topology().nodes()).hasSize(1);
        TaskHandle<String> h = pool.submit(() -> Thread.currentThread().getName());
        assertThat(h.get(WAIT_S, TimeUnit.SECONDS)).startsWith("weft-described-n0-w");
        assertThat(Weft.currentPool()).isEmpty();
        assertThat(pool.submit(() -> Weft.currentPool().orElseThrow()).get(WAIT_S, TimeUnit.SECONDS)).isSameAs(pool);
    }
}
