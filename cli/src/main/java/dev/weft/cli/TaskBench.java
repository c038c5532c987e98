package dev.weft.cli;

import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.WeftPool;
import dev.weft.WeftRecursiveTask;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The task section of {@code weft bench}: the cost of one task, Weft against {@link ForkJoinPool}.
 *
 * <h2>Implementation notes</h2>
 * <b>fib</b>: Fibonacci without cutoff, one task object per call on both sides ({@link WeftFib} and its
 * {@link RecursiveTask} twin {@link FjFib}: fork n-1, compute n-2 here, join), so a run makes exactly
 * {@code 2 fib(n+1) - 1} tasks; ns per task = run time / that count.
 * <p>
 * <b>execute</b>: two producer threads wait on a latch, then each calls {@code execute} with N empty tasks
 * (each only increments a {@link LongAdder}, whose striped cells keep the counting itself uncontended). The
 * clock starts when the latch opens and stops when the adder reaches 2N; the measuring thread first joins the
 * producers (blocking, no CPU) and only then polls the adder every {@link #POLL_NANOS}, so the poll costs
 * little CPU on a two-core machine and adds at most a few tens of microseconds to a run of many milliseconds.
 * <p>
 * Both workloads alternate the pools round by round after two warm-up rounds each; every run is bounded by
 * {@link #RUN_TIMEOUT_SECONDS}, so a broken pool ends the bench with an error instead of hanging it.
 */
final class TaskBench {

    static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    static final long RUN_TIMEOUT_SECONDS = 120;
    static final int WARMUP_ROUNDS = 2;

    private final BenchSettings settings;
    private final PrintWriter progress;

    TaskBench(BenchSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    List<BenchResult.Task> run() {
        int p = settings.maxThreads();
        List<BenchResult.Task> rows = new ArrayList<>();
        ForkJoinPool fjp = new ForkJoinPool(p);
        try (WeftPool weft = Weft.newPool(PoolConfig.builder().parallelism(p).name("bench-tasks").build())) {
            long fibTasks = BenchSettings.fibTaskCount(settings.fib());
            String fibDetail = "fib(" + settings.fib() + "), no cutoff, " + fibTasks + " tasks";
            Measured fib = alternate(() -> fibWeft(weft), () -> fibForkJoin(fjp));
            addRows(rows, "fib", fibDetail, fib, fibTasks, p);

            long execTasks = 2L * settings.tasks();
            String execDetail = "execute() of empty tasks from 2 producer threads, 2 x " + settings.tasks() + " tasks";
            Measured exec = alternate(() -> executeRun(weft, "weft"), () -> executeRun(fjp, "forkjoin"));
            addRows(rows, "execute", execDetail, exec, execTasks, p);
        } finally {
            BenchRunner.close(fjp);
        }
        return List.copyOf(rows);
    }

    private void addRows(List<BenchResult.Task> rows, String workload, String detail, Measured m, long tasks, int p) {
        BenchResult.Task w = new BenchResult.Task(workload, detail, BenchResult.WEFT, m.weft * 1e9 / tasks, tasks, p, m.runs);
        BenchResult.Task f = new BenchResult.Task(workload, detail, BenchResult.FORKJOIN, m.forkjoin * 1e9 / tasks, tasks, p, m.runs);
        rows.add(w);
        rows.add(f);
        progress.printf(Locale.ROOT, "weft bench: %s, %d threads: weft %s ns/task, forkjoin %s ns/task (%d runs each)%n",
                detail, p, Units.fixed(w.nsPerTask(), 1), Units.fixed(f.nsPerTask(), 1), m.runs);
    }

    /** Median seconds per pool; {@code runs} timed runs each. */
    private record Measured(double weft, double forkjoin, int runs) {
    }

    /** A run that returns its duration in seconds. */
    @FunctionalInterface
    private interface Run {
        double seconds();
    }

    private Measured alternate(Run weft, Run forkjoin) {
        Run[] runs = {weft, forkjoin};
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            runs[round & 1].seconds();
            runs[(round + 1) & 1].seconds();
        }
        List<Double> w = new ArrayList<>();
        List<Double> f = new ArrayList<>();
        for (int round = 0; round < settings.runs(); round++) {
            for (int i = 0; i < 2; i++) {
                int p = (round + i) & 1;
                (p == 0 ? w : f).add(runs[p].seconds());
            }
        }
        return new Measured(BenchRunner.median(w), BenchRunner.median(f), settings.runs());
    }

    private double fibWeft(WeftPool pool) {
        WeftFib root = new WeftFib(settings.fib());
        long s = System.nanoTime();
        pool.submit(root);
        int v = await(root, "weft");
        return finishFib(s, v, "weft");
    }

    private double fibForkJoin(ForkJoinPool pool) {
        FjFib root = new FjFib(settings.fib());
        long s = System.nanoTime();
        pool.submit(root);
        int v = await(root, "forkjoin");
        return finishFib(s, v, "forkjoin");
    }

    private double finishFib(long start, int value, String pool) {
        long e = System.nanoTime();
        long expected = BenchSettings.fibonacci(settings.fib());
        if (value != expected) {
            throw new Errors.BenchException("fib(" + settings.fib() + ") on the " + pool + " pool returned " + value
                    + ", expected " + expected);
        }
        return (e - start) / 1e9;
    }

    private static int await(Future<Integer> f, String pool) {
        try {
            return f.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Errors.BenchException("interrupted while waiting for the " + pool + " pool");
        } catch (ExecutionException e) {
            throw new Errors.BenchException("fib failed on the " + pool + " pool: " + e.getCause());
        } catch (TimeoutException e) {
            throw new Errors.BenchException("fib did not finish on the " + pool + " pool within " + RUN_TIMEOUT_SECONDS + " s");
        }
    }

    private double executeRun(ExecutorService pool, String name) {
        int n = settings.tasks();
        LongAdder ran = new LongAdder();
        Runnable task = ran::increment;
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] producers = new Thread[2];
        for (int i = 0; i < 2; i++) {
            producers[i] = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (int k = 0; k < n; k++) {
                        pool.execute(task);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "weft-bench-producer-" + i);
            producers[i].setDaemon(true);
            producers[i].start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
        long total = 2L * n;
        long start;
        try {
            ready.await();
            start = System.nanoTime();
            go.countDown();
            for (Thread p : producers) {
                p.join(TimeUnit.SECONDS.toMillis(RUN_TIMEOUT_SECONDS));
            }
            while (ran.sum() < total) {
                if (failure.get() != null) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new Errors.BenchException("the " + name + " pool ran " + ran.sum() + " of " + total
                            + " executed tasks within " + RUN_TIMEOUT_SECONDS + " s");
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Errors.BenchException("interrupted while waiting for the " + name + " pool");
        }
        long end = System.nanoTime();
        Throwable t = failure.get();
        if (t != null) {
            throw new Errors.BenchException("execute() failed on the " + name + " pool: " + t);
        }
        return (end - start) / 1e9;
    }

    /** Fibonacci as Weft fork/join tasks, without cutoff. */
    static final class WeftFib extends WeftRecursiveTask<Integer> {
        private final int n;

        WeftFib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            WeftFib f1 = new WeftFib(n - 1);
            f1.fork();
            return new WeftFib(n - 2).compute() + f1.join();
        }
    }

    /** The same computation as {@link WeftFib} on {@link ForkJoinPool}. */
    static final class FjFib extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;
        private final int n;

        FjFib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            FjFib f1 = new FjFib(n - 1);
            f1.fork();
            return new FjFib(n - 2).compute() + f1.join();
        }
    }
}
