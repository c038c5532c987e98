package dev.weft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The states of one task, outside any pool (FutureTask-like). */
@Timeout(30)
class WeftTaskTest {

    static final class Task<T> extends WeftTask<T> {
        final java.util.concurrent.Callable<T> body;

        Task(java.util.concurrent.Callable<T> body) {
            this.body = body;
        }

        /** @param cancelInterrupts false for a fork/join task, which {@code runTaken()} starts unclaimed */
        Task(java.util.concurrent.Callable<T> body, boolean cancelInterrupts) {
            super(cancelInterrupts);
            this.body = body;
        }

        @Override
        protected T call() throws Exception {
            return body.call();
        }
    }

    @Test
    void run_normal_completesWithTheResult() throws Exception {
        Task<Integer> t = new Task<>(() -> 7);
        assertThat(t.isNew()).isTrue();
        assertThat(t.isDone()).isFalse();
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        t.run();
        assertThat(t.isDone()).isTrue();
        assertThat(t.isNew()).isFalse();
        assertThat(t.isCancelled()).isFalse();
        assertThat(t.isCompletedAbnormally()).isFalse();
        assertThat(t.get()).isEqualTo(7);
        assertThat(t.join()).isEqualTo(7);
        assertThat(t.getRawResult()).isEqualTo(7);
        assertThat(t.getException()).isNull();
        assertThat(t.toString()).contains("completed normally");
    }

    @Test
    void run_throws_getAndJoinReportTheCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<Integer> t = new Task<>(() -> {
            throw boom;
        });
        t.run();
        assertThat(t.isCompletedExceptionally()).isTrue();
        assertThat(t.isCompletedAbnormally()).isTrue();
        assertThat(t.getException()).isSameAs(boom);
        assertThatThrownBy(t::get).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThatThrownBy(t::join).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThat(t.getRawResult()).isNull();
    }

    @Test
    void run_twice_startsOnce() {
        AtomicInteger calls = new AtomicInteger();
        Task<Integer> t = new Task<>(calls::incrementAndGet);
        t.run();
        t.run();
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void cancel_beforeStart_neverRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        Task<Integer> t = new Task<>(() -> {
            ran.set(true);
            return 1;
        });
        assertThat(t.cancel(false)).isTrue();
        assertThat(t.cancel(false)).isFalse();
        t.run();
        assertThat(ran).isFalse();
        assertThat(t.isCancelled()).isTrue();
        assertThat(t.isDone()).isTrue();
        assertThat(t.getException()).isInstanceOf(CancellationException.class);
        assertThatThrownBy(t::get).isInstanceOf(CancellationException.class);
        assertThatThrownBy(t::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancelTrue_whileRunning_interruptsAndDropsTheOutcome() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Task<String> t = new Task<>(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "dropped";
        });
        Thread runner = new Thread(t);
        runner.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(t.cancel(true)).isTrue();
        runner.join(20_000);
        assertThat(interrupted).isTrue();
        assertThat(t.isCancelled()).isTrue();
        assertThatThrownBy(t::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void cancelTrue_racingCompletion_interruptNeverLeaksPastRun() throws Exception {
        for (int round = 0; round < 500; round++) {
            int spin = ThreadLocalRandom.current().nextInt(300);
            Task<Integer> t = new Task<>(() -> {
                for (int i = 0; i < spin; i++) {
                    Thread.onSpinWait();
                }
                return 1;
            });
            AtomicReference<Boolean> leaked = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            Thread runner = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                t.run();
                leaked.set(Thread.currentThread().isInterrupted());
            });
            runner.start();
            go.countDown();
            for (int i = ThreadLocalRandom.current().nextInt(300); i > 0; i--) {
                Thread.onSpinWait();
            }
            t.cancel(true);
            runner.join(20_000);
            assertThat(runner.isAlive()).isFalse();
            assertThat(leaked.get()).as("round %d", round).isFalse();
        }
    }

    @Test
    void complete_beforeStart_settlesTheTaskWhichThenNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Task<Integer> t = new Task<>(() -> {
            ran.set(true);
            return 1;
        });
        assertThat(t.complete(5)).isTrue();
        assertThat(t.complete(6)).isFalse();
        t.run();
        assertThat(ran).isFalse();
        assertThat(t.get()).isEqualTo(5);
        Task<Integer> u = new Task<>(() -> 1);
        IllegalStateException why = new IllegalStateException("dependency failed");
        assertThat(u.completeExceptionally(why)).isTrue();
        assertThat(u.completeExceptionally(why)).isFalse();
        assertThatThrownBy(u::join).hasCause(why);
        assertThatThrownBy(() -> u.completeExceptionally(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void whenDone_beforeAndAfterCompletion_runsExactlyOnce() {
        Task<Integer> t = new Task<>(() -> 1);
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        t.whenDone(before::incrementAndGet);
        t.run();
        t.whenDone(after::incrementAndGet);
        t.run();
        assertThat(before.get()).isEqualTo(1);
        assertThat(after.get()).isEqualTo(1);
        assertThat(t.toCompletableFuture().join()).isEqualTo(1);
        Task<Integer> c = new Task<>(() -> 1);
        c.cancel(false);
        assertThat(c.toCompletableFuture().isCancelled()).isTrue();
    }

    @Test
    void whenDone_racingCompletion_runsExactlyOnce() throws Exception {
        for (int round = 0; round < 300; round++) {
            Task<Integer> t = new Task<>(() -> 1);
            AtomicInteger calls = new AtomicInteger();
            Thread runner = new Thread(t);
            runner.start();
            t.whenDone(calls::incrementAndGet);
            runner.join(20_000);
            assertThat(calls.get()).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void runTaken_forkJoinTaskCancelledWhileRunning_cancelWinsWithoutInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Task<String> t = new Task<>(() -> {
            started.countDown();
            release.await(20, TimeUnit.SECONDS);
            interrupted.set(Thread.currentThread().isInterrupted());
            return "dropped";
        }, false);
        Thread runner = new Thread(t::runTaken);
        runner.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(t.cancel(true)).isTrue();
        assertThat(t.isCancelled()).isTrue();
        release.countDown();
        runner.join(20_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(interrupted).as("cancel(true) of a fork/join task interrupts nobody").isFalse();
        assertThat(t.isCancelled()).isTrue();
        assertThatThrownBy(t::join).isInstanceOf(CancellationException.class);
        assertThat(t.getRawResult()).isNull();
    }

    @Test
    void runTaken_forkJoinTaskCompletedWhileRunning_completeWins() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Task<Integer> t = new Task<>(() -> {
            started.countDown();
            release.await(20, TimeUnit.SECONDS);
            return 1;
        }, false);
        Thread runner = new Thread(t::runTaken);
        runner.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(t.complete(7)).isTrue();
        release.countDown();
        runner.join(20_000);
        assertThat(t.join()).isEqualTo(7);
    }

    @Test
    void runTaken_forkJoinTask_runsOnceAndCompletes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Task<Integer> t = new Task<>(runs::incrementAndGet, false);
        t.runTaken();
        t.runTaken();
        t.run();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(t.get()).isEqualTo(1);
        Task<Integer> failing = new Task<>(() -> {
            throw new IllegalStateException("boom");
        }, false);
        failing.runTaken();
        assertThat(failing.isCompletedExceptionally()).isTrue();
        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasMessageContaining("boom");
    }

    @Test
    void whenDone_racingRunTaken_runsExactlyOnce() throws Exception {
        for (int round = 0; round < 300; round++) {
            Task<Integer> t = new Task<>(() -> 1, false);
            AtomicInteger calls = new AtomicInteger();
            Thread runner = new Thread(t::runTaken);
            runner.start();
            t.whenDone(calls::incrementAndGet);
            runner.join(20_000);
            assertThat(calls.get()).as("round %d", round).isEqualTo(1);
            assertThat(t.join()).isEqualTo(1);
        }
    }

    @Test
    void cancelTrue_racingComplete_neverInterruptsTheValue() throws Exception {
        // complete() must not pass through RUNNING, or a racing cancel(true) could take its value for the runner.
        Thread value = Thread.currentThread();
        for (int round = 0; round < 300; round++) {
            Task<Thread> t = new Task<>(() -> null);
            CountDownLatch go = new CountDownLatch(1);
            Thread canceller = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                t.cancel(true);
            });
            canceller.start();
            go.countDown();
            t.complete(value);
            canceller.join(20_000);
            assertThat(Thread.interrupted()).as("round %d", round).isFalse();
            assertThat(t.isDone()).isTrue();
        }
    }

    @Test
    void getTimed_notDone_throwsTimeoutException() {
        Task<Integer> t = new Task<>(() -> 1);
        assertThatThrownBy(() -> t.get(10, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void get_interrupted_throwsInterruptedException() {
        Task<Integer> t = new Task<>(() -> 1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(t::get).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void priority_chosenBeforeStartOrInherited() {
        Task<Integer> t = new Task<>(() -> 1);
        t.inheritPriority(Priority.LOW);
        assertThat(t.priority()).isEqualTo(Priority.LOW);
        t.inheritPriority(Priority.HIGH);
        assertThat(t.priority()).isEqualTo(Priority.LOW);
        Task<Integer> u = new Task<Integer>(() -> 1);
        u.withPriority(Priority.HIGH).inheritPriority(Priority.LOW);
        assertThat(u.priority()).isEqualTo(Priority.HIGH);
        u.run();
        assertThatThrownBy(() -> u.withPriority(Priority.LOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invoke_outsideAPool_runsInTheCaller() {
        Thread me = Thread.currentThread();
        Task<Thread> t = new Task<>(Thread::currentThread);
        assertThat(t.invoke()).isSameAs(me);
    }

    @Test
    void fork_outsideAWorker_throwsIllegalStateException() {
        assertThatThrownBy(() -> new Task<>(() -> 1).fork()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a Weft worker");
    }
}
