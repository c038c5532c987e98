package dev.weft.core;

import dev.weft.TaskHandle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** submitAfter: a task starts only after its dependencies completed normally. */
class DependenciesTest extends PoolTestBase {
    private final WorkStealingPool pool = pool(2);

    @Test
    void submitAfter_randomDagOfTenThousandTasks_eachRunsOnceAndNeverBeforeItsParents() throws Exception {
        int n = 10_000;
        Random random = new Random(42);
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        List<TaskHandle<Integer>> handles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            int parentCount = i == 0 ? 0 : random.nextInt(Math.min(i, 4) + 1);
            int[] parents = new int[parentCount];
            List<TaskHandle<?>> deps = new ArrayList<>();
            for (int k = 0; k < parentCount; k++) {
                parents[k] = random.nextInt(i);
                deps.add(handles.get(parents[k]));
            }
            handles.add(pool.submitAfter(() -> {
                for (int p : parents) {
                    if (runs.get(p) != 1) {
                        failures.add(new AssertionError("task " + id + " started before its parent " + p));
                    }
                }
                runs.incrementAndGet(id);
                return id;
            }, deps));
        }
        for (int i = 0; i < n; i++) {
            assertThat(handles.get(i).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
        }
    }

    @Test
    void submitAfter_failedDependency_dependentNeverRunsAndFailsWithThatCause() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        TaskHandle<Integer> failing = pool.submit(() -> {
            throw boom;
        });
        AtomicBoolean ran = new AtomicBoolean();
        TaskHandle<Integer> ok = pool.submit(() -> 1);
        TaskHandle<Integer> dependent = pool.submitAfter(() -> {
            ran.set(true);
            return 2;
        }, List.of(ok, failing));
        assertThatThrownBy(() -> dependent.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCause(boom);
        assertThatThrownBy(dependent::join).isInstanceOf(CompletionException.class).hasCause(boom);
        TaskHandle<Integer> grandChild = pool.submitAfter(() -> 3, List.of(dependent));
        assertThatThrownBy(grandChild::join).isInstanceOf(CompletionException.class).hasCause(boom);
        assertThat(ran).isFalse();
    }

    @Test
    void submitAfter_cancelledDependency_dependentFailsWithCancellationException() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TaskHandle<Object> blocked = pool.submit(() -> gate.await(WAIT_S, TimeUnit.SECONDS));
        TaskHandle<Object> blocked2 = pool.submit(() -> gate.await(WAIT_S, TimeUnit.SECONDS));
        TaskHandle<Integer> queued = pool.submit(() -> 1);
        TaskHandle<Integer> dependent = pool.submitAfter(() -> 2, List.of(queued));
        queued.cancel(false);
        assertThatThrownBy(dependent::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CancellationException.class);
        gate.countDown();
        blocked.get(WAIT_S, TimeUnit.SECONDS);
        blocked2.get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void submitAfter_foreignFutureAndNoDependencies_runAsSoonAsPossible() throws Exception {
        java.util.concurrent.CompletableFuture<String> foreign = new java.util.concurrent.CompletableFuture<>();
        TaskHandle<String> dependent = pool.submitAfter(() -> "after", List.of(pool.submit(() -> 1)));
        assertThat(dependent.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(pool.submitAfter(() -> "none", List.of()).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("none");
        Tasks.Promise<String> promise = new Tasks.Promise<>();
        TaskHandle<String> onPromise = pool.submitAfter(() -> "promised", List.of(promise));
        assertThat(onPromise.isDone()).isFalse();
        promise.complete("x");
        assertThat(onPromise.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("promised");
        foreign.complete("y");
    }

    @Test
    void shutdownNow_pendingDependent_isReturnedAndNeverRuns() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TaskHandle<Object> parent = pool.submit(() -> gate.await(WAIT_S, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        TaskHandle<Integer> dependent = pool.submitAfter(() -> {
            ran.set(true);
            return 1;
        }, List.of(parent));
        List<Runnable> returned = pool.shutdownNow();
        assertThat(returned).anyMatch(r -> r == dependent);
        assertThat(pool.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void shutdown_pendingDependent_stillRunsBeforeTermination() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TaskHandle<Object> parent = pool.submit(() -> gate.await(WAIT_S, TimeUnit.SECONDS));
        TaskHandle<Integer> dependent = pool.submitAfter(() -> 7, List.of(parent));
        pool.shutdown();
        assertThat(pool.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
        gate.countDown();
        assertThat(pool.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(dependent.get()).isEqualTo(7);
    }
}
