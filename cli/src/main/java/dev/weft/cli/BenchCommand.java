package dev.weft.cli;

import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;

/**
 * {@code weft bench}: GEMM scaling and task overheads, Weft's pool beside {@link java.util.concurrent.ForkJoinPool}
 * in the same run. Arguments are validated while parsing, before anything else happens; only then may the
 * command re-launch itself in a JVM that resolves {@code jdk.incubator.vector} (see {@link VectorRelaunch}), so
 * the JDK's incubator warning never precedes a usage error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Measures GEMM GFLOPS, speedup and parallel efficiency for each size and thread count, and the "
                + "cost per task of fork/join Fibonacci and of external execute(), for Weft's pool and ForkJoinPool "
                + "in the same run. Progress goes to stderr, the report to stdout."},
        footer = {"", "Thread count 1 is always measured: it is the baseline of the speedup.",
                "Default threads: 1, 2, 4, ... up to the default parallelism, and the default parallelism itself."})
final class BenchCommand implements Callable<Integer> {

    /** The largest matrix size: three 4096 x 4096 double matrices take 400 MB. */
    static final int MAX_SIZE = 4096;
    /** The largest Fibonacci argument: fib(35) already makes 30 million tasks. */
    static final int MAX_FIB = 35;
    /** The most empty tasks per producer. */
    static final int MAX_TASKS = 10_000_000;
    /** Fewer timed runs than this would not give a meaningful median. */
    static final int MIN_RUNS = 5;

    @Spec
    CommandSpec spec;

    private final VectorRelaunch relaunch;

    int[] sizes = {256, 512, 1024};
    int[] threads;
    int runs = MIN_RUNS;
    int fib = 30;
    int tasks = 250_000;

    @Option(names = "--json", description = "Print JSON instead of the tables (schema: cli/README-json.md).")
    boolean json;

    @Option(names = "--no-tasks", description = "Skip the task section (Fibonacci and execute).")
    boolean noTasks;

    @Option(names = "--no-vector", description = "Do not re-launch with jdk.incubator.vector: the kernel runs its scalar code.")
    boolean noVector;

    BenchCommand(VectorRelaunch relaunch) {
        this.relaunch = relaunch;
    }

    @Option(names = "--sizes", paramLabel = "N[,N...]", description = "Matrix sizes n (n x n), 1.." + MAX_SIZE + "; default 256,512,1024.")
    void setSizes(String text) {
        sizes = parse(() -> IntList.parse("--sizes", text, 1, MAX_SIZE));
    }

    @Option(names = "--threads", paramLabel = "T[,T...]", description = "Thread counts, 1.." + PoolConfig.MAX_THREADS + "; default 1, 2, 4, ... up to the default parallelism.")
    void setThreads(String text) {
        threads = parse(() -> IntList.parse("--threads", text, 1, PoolConfig.MAX_THREADS));
    }

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per measurement (the median is reported), " + MIN_RUNS + "..1000; default 5. Short runs are repeated more, within a time budget.")
    void setRuns(String text) {
        runs = parseOne(() -> IntList.parseOne("--runs", text, MIN_RUNS, 1000));
    }

    @Option(names = "--fib", paramLabel = "N", description = "Fibonacci argument of the fork/join task test, 2.." + MAX_FIB + "; default 30.")
    void setFib(String text) {
        fib = parseOne(() -> IntList.parseOne("--fib", text, 2, MAX_FIB));
    }

    @Option(names = "--tasks", paramLabel = "N", description = "Empty tasks each of the two producers executes, 1.." + MAX_TASKS + "; default 250000.")
    void setTasks(String text) {
        tasks = parseOne(() -> IntList.parseOne("--tasks", text, 1, MAX_TASKS));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        VectorRelaunch.Decision decision = relaunch.decide(noVector);
        if (decision == VectorRelaunch.Decision.RELAUNCH) {
            err.flush();
            spec.commandLine().getOut().flush();
            return relaunch.relaunch(err);
        }
        Topology topology = Weft.topology();
        BenchSettings settings = new BenchSettings(sizes, withBaseline(threads == null ? defaultThreads(topology.defaultParallelism()) : threads),
                runs, noTasks ? 0 : fib, noTasks ? 0 : tasks, decision);
        BenchResult result = new BenchRunner(settings, topology, err).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BenchReport.json(result) : BenchReport.text(result));
        out.flush();
        return Main.EXIT_OK;
    }

    /** 1, 2, 4, ... below {@code parallelism}, then {@code parallelism}: {@code 6 -> 1,2,4,6}. */
    static int[] defaultThreads(int parallelism) {
        java.util.TreeSet<Integer> t = new java.util.TreeSet<>();
        for (int p = 1; p < parallelism; p *= 2) {
            t.add(p);
        }
        t.add(Math.max(1, parallelism));
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds thread count 1 (the speedup baseline) when it is missing. */
    static int[] withBaseline(int[] threads) {
        if (threads.length > 0 && threads[0] == 1) {
            return threads;
        }
        int[] t = new int[threads.length + 1];
        t[0] = 1;
        System.arraycopy(threads, 0, t, 1, threads.length);
        return t;
    }

    private int[] parse(java.util.function.Supplier<int[]> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int parseOne(IntSupplier parser) {
        try {
            return parser.getAsInt();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
