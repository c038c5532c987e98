package dev.weft.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code weft} command's entry point.
 *
 * <p>{@link #main} only maps {@link #run} to the process exit code; everything else is testable through
 * {@link #run(String[], PrintStream, PrintStream)}. Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE}
 * a failure while running (a sysfs dump that cannot be read, no scheduler installed, a wrong GEMM result),
 * {@value #EXIT_USAGE} bad usage (unknown command or option, a bad value, a {@code --root} folder that does not
 * exist). Every error is one line on stderr starting with {@code weft: }; a stack trace is printed only for
 * unexpected errors and only when the environment variable {@value Errors#DEBUG_ENV} is set.
 */
public final class Main {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** A failure while running the command. */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage: the command line was wrong. */
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    /**
     * Runs the command and exits the JVM with its exit code. {@code weft bench} may re-launch itself in a child
     * JVM that resolves {@code jdk.incubator.vector} (see {@link VectorRelaunch}).
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, VectorRelaunch.forThisProcess(args));
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs {@code weft args} in this JVM, writing the report to {@code out} and errors and progress to
     * {@code err}; never re-launches.
     *
     * @return the exit code: {@value #EXIT_OK}, {@value #EXIT_FAILURE} or {@value #EXIT_USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, VectorRelaunch.disabled());
    }

    static int run(String[] args, PrintStream out, PrintStream err, VectorRelaunch relaunch) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            CommandLine cmd = commandLine(relaunch)
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setParameterExceptionHandler((ex, a) -> Errors.reportUsage(ex, errWriter))
                    .setExecutionExceptionHandler((ex, c, parsed) -> Errors.reportFailure(ex, errWriter));
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            errWriter.println("weft: out of memory (" + e.getMessage() + "): try smaller --sizes or a larger heap (-Xmx)");
            return EXIT_FAILURE;
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The command tree: {@code weft} with {@code topology}, {@code bench} and {@code help}. */
    static CommandLine commandLine(VectorRelaunch relaunch) {
        CommandLine cmd = new CommandLine(new WeftCommand());
        cmd.addSubcommand("topology", new TopologyCommand());
        cmd.addSubcommand("bench", new BenchCommand(relaunch));
        cmd.addSubcommand("help", new CommandLine.HelpCommand());
        return cmd;
    }
}
