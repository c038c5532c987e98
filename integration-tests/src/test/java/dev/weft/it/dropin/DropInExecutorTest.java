package dev.weft.it.dropin;

import dev.weft.Weft;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Replace {@code Executors.newFixedThreadPool(n)} with one line": the same application code, unchanged, over
 * the JDK's fixed pool (the reference) and over {@code Weft.newPool()} found through ServiceLoader on the class
 * path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DropInExecutorTest {

    static Stream<Named<Supplier<ExecutorService>>> executors() {
        return Stream.of(
                Named.of("Executors.newFixedThreadPool(2)", () -> Executors.newFixedThreadPool(2)),
                Named.of("Weft.newPool()", Weft::newPool));
    }

    @ParameterizedTest
    @MethodSource("executors")
    void submit_chunkedSum_matchesTheClosedForm(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            long n = 10_000;

            assertThat(service.sumOfSquares((int) n, 7)).isEqualTo((n - 1) * n * (2 * n - 1) / 6);
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void submit_failingTask_reportsTheCauseThroughExecutionException(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            Future<?> f = service.schedule(() -> {
                throw new IllegalStateException("report template missing");
            });

            assertThatThrownBy(() -> f.get(ReportService.WAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("report template missing");
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void invokeAll_returnsResultsInTaskOrder(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            assertThat(service.lengths(List.of("a", "bb", "", "dddd", "ccc"))).containsExactly(1, 2, 0, 4, 3);
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void invokeAny_returnsOneTasksResult(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            assertThat(service.anyTitle(List.of("q1", "q2", "q3"))).isIn("Q1", "Q2", "Q3");
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void supplyAsync_runsEveryStageOnTheExecutorsThreads(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            List<String> out = service.greet("Weft").get(ReportService.WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(out.get(0)).isEqualTo("Hello, Weft!");
            assertThat(out.subList(1, 3)).doesNotContain(Thread.currentThread().getName())
                    .allMatch(name -> !name.startsWith("ForkJoinPool.commonPool"), "not the common pool");
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void shutdown_runsSubmittedTasksThenRejectsAndTerminates(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            Runnable gated = () -> {
                try {
                    if (release.await(ReportService.WAIT_SECONDS, TimeUnit.SECONDS)) {
                        ran.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            // More tasks than workers, all held back: shutdown() finds some running and some still queued.
            List<Future<?>> submitted = Stream.generate(() -> gated).limit(6).<Future<?>>map(service::schedule).toList();

            service.stopAccepting();

            assertThatThrownBy(() -> service.schedule(() -> { })).isInstanceOf(RejectedExecutionException.class);
            assertThat(service.isTerminated()).isFalse();
            release.countDown();
            assertThat(service.awaitFinished()).isTrue();
            assertThat(ran).hasValue(6);
            assertThat(submitted).allMatch(Future::isDone);
        }
    }

    @ParameterizedTest
    @MethodSource("executors")
    void shutdownNow_everyTaskEitherStartedOrReturned(Supplier<ExecutorService> factory) throws Exception {
        try (ReportService service = new ReportService(factory.get())) {
            AtomicInteger started = new AtomicInteger();
            CountDownLatch never = new CountDownLatch(1);
            Runnable blocking = () -> {
                started.incrementAndGet();
                try {
                    never.await(ReportService.WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            for (int i = 0; i < 8; i++) {
                service.schedule(blocking);
            }

            List<Runnable> neverStarted = service.abandon();

            assertThat(service.awaitFinished()).as("running tasks are interrupted").isTrue();
            assertThat(started.get() + neverStarted.size()).isEqualTo(8);
        }
    }
}
