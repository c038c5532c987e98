package dev.weft.cli;

import dev.weft.PoolConfig;
import dev.weft.Weft;
import dev.weft.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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
                "Default threads: 1, 2, 4, ... up to the default parallelism, and the default parallelism itself.",
                "--plot writes an SVG chart after the run: GFLOPS against threads, one colour per size, Weft solid, "
                        + "ForkJoinPool dashed, the ideal scaling (1-thread GFLOPS x threads) dotted. Its folder is "
                        + "checked before anything is measured."})
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

    Path plot;

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
        runs = parse(() -> IntList.parseOne("--runs", text, MIN_RUNS, 1000));
    }

    @Option(names = "--fib", paramLabel = "N", description = "Fibonacci argument of the fork/join task test, 2.." + MAX_FIB + "; default 30.")
    void setFib(String text) {
        fib = parse(() -> IntList.parseOne("--fib", text, 2, MAX_FIB));
    }

    @Option(names = "--tasks", paramLabel = "N", description = "Empty tasks each of the two producers executes, 1.." + MAX_TASKS + "; default 250000.")
    void setTasks(String text) {
        tasks = parse(() -> IntList.parseOne("--tasks", text, 1, MAX_TASKS));
    }

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Also write an SVG chart of GFLOPS against threads "
            + "(Weft, ForkJoinPool, ideal scaling) to FILE.svg once the bench is done; works with --json. The folder "
            + "must exist and be writable (checked first, exit 2).")
    void setPlot(String file) {
        plot = parse(() -> plotTarget(file));
    }

    /**
     * The file {@code --plot} names, checked before anything runs: its folder must exist and be writable, and the
     * file itself, if it exists, must be a writable regular file. The write at the end can still fail (a full
     * disk); that is exit 1, after the report.
     *
     * @throws IllegalArgumentException a one-line message naming {@code --plot}, the value and what is wrong
     */
    static Path plotTarget(String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("--plot '" + (file == null ? "" : file) + "' is invalid: give a file name such as scaling.svg");
        }
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--plot '" + file + "' is not a valid path: " + e.getReason());
        }
        Path folder = p.toAbsolutePath().getParent();
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("--plot " + file + " is a folder: give a file name such as "
                    + p.resolve("scaling.svg"));
        }
        if (folder == null || !Files.exists(folder)) {
            throw new IllegalArgumentException("--plot " + file + ": no such folder " + folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--plot " + file + ": " + folder + " is not a folder");
        }
        if (!Files.exists(p)) {
            // Create and delete a file there rather than ask Files.isWritable: for root it answers yes even for
            // folders such as /proc where no file can be created, and the bench would run before failing.
            try {
                Files.delete(Files.createTempFile(folder, ".weft-plot-", ".probe"));
            } catch (IOException e) {
                throw new IllegalArgumentException("--plot " + file + ": the folder " + folder + " is not writable ("
                        + Errors.ioReason(e) + ")");
            }
        }
        if (Files.exists(p) && (!Files.isRegularFile(p) || !Files.isWritable(p))) {
            throw new IllegalArgumentException("--plot " + file + ": the file exists and is not a writable regular file");
        }
        return p;
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
        if (plot != null) {
            // After the report: if the file cannot be written now, the measurements are still on stdout.
            try {
                BenchPlot.write(result, plot);
            } catch (IOException e) {
                throw new Errors.BenchException("cannot write the plot to " + plot + ": " + Errors.ioReason(e));
            }
            err.println("weft bench: plot written to " + plot);
        }
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

    /** Runs a value check while parsing: its IllegalArgumentException becomes a usage error (exit 2). */
    private <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
