package dev.weft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code weft bench} in a JVM that resolves {@code jdk.incubator.vector}, so the GEMM kernel can use the
 * Vector API, while every other command (and every usage error) stays free of the JDK's
 * {@code WARNING: Using incubator modules} line.
 *
 * <p>The kernels module only {@code requires static} the incubator module, so a JVM resolves it only when told
 * to. When {@code weft bench} starts in a JVM without it, but the runtime has it, the same command is started
 * again in a child JVM: the same {@code java} ({@code java.home}), the same JVM options and arguments (from
 * {@link ProcessHandle.Info#arguments()}, else rebuilt from the module path, class path and main class), plus
 * {@code --add-modules=jdk.incubator.vector}. The child inherits stdin, stdout and stderr; its exit code
 * becomes ours. The environment variable {@value #CHILD_ENV} marks the child, so it never re-launches again.
 */
final class VectorRelaunch {

    /** The incubator module the GEMM kernel uses when it is resolved. */
    static final String MODULE = "jdk.incubator.vector";
    /** Set in the child's environment: a JVM that sees it never re-launches. */
    static final String CHILD_ENV = "WEFT_BENCH_CHILD";
    /** The JVM option that resolves the module. */
    static final String ADD_MODULES = "--add-modules=" + MODULE;

    /** What {@code weft bench} does about the Vector API in this JVM. */
    enum Decision {
        /** This JVM resolved the module: the kernel may use it. */
        RESOLVED(""),
        /** Start the same command in a child JVM with the module. */
        RELAUNCH(""),
        /** The runtime does not contain the module (a jlink image without it, a JDK that dropped it). */
        NOT_IN_RUNTIME("this Java runtime has no " + MODULE),
        /** {@code --no-vector} was given. */
        DISABLED_BY_OPTION("--no-vector was given"),
        /** Running inside a caller's JVM ({@link Main#run}), which is never re-launched. */
        IN_PROCESS("this JVM did not resolve " + MODULE + " (start it with --add-modules " + MODULE + ")"),
        /** This is the child, and it still lacks the module: never loop. */
        CHILD_WITHOUT_MODULE("the re-launched JVM did not resolve " + MODULE);

        private final String scalarReason;

        Decision(String scalarReason) {
            this.scalarReason = scalarReason;
        }

        /** Why the kernel cannot use the Vector API, or "" when it may. */
        String scalarReason() {
            return scalarReason;
        }
    }

    private final boolean enabled;
    private final List<String> args;

    private VectorRelaunch(boolean enabled, List<String> args) {
        this.enabled = enabled;
        this.args = args;
    }

    /** Never re-launches: for {@link Main#run} and tests. */
    static VectorRelaunch disabled() {
        return new VectorRelaunch(false, List.of());
    }

    /** Re-launches this process (started with {@code args}) when needed: for {@link Main#main}. */
    static VectorRelaunch forThisProcess(String... args) {
        return new VectorRelaunch(true, List.of(args));
    }

    /** Decides for this JVM. */
    Decision decide(boolean noVector) {
        boolean resolved = ModuleLayer.boot().findModule(MODULE).isPresent();
        boolean inRuntime = ModuleFinder.ofSystem().find(MODULE).isPresent();
        return decide(enabled, noVector, resolved, inRuntime, System.getenv(CHILD_ENV) != null);
    }

    static Decision decide(boolean enabled, boolean noVector, boolean resolved, boolean inRuntime, boolean isChild) {
        if (resolved) {
            return Decision.RESOLVED;
        }
        if (noVector) {
            return Decision.DISABLED_BY_OPTION;
        }
        if (!inRuntime) {
            return Decision.NOT_IN_RUNTIME;
        }
        if (isChild) {
            return Decision.CHILD_WITHOUT_MODULE;
        }
        return enabled ? Decision.RELAUNCH : Decision.IN_PROCESS;
    }

    /**
     * Runs the same command in a child JVM with the module and waits for it.
     *
     * @return the child's exit code
     */
    int relaunch(PrintWriter err) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> command = childCommand(javaExecutable(info), info.arguments().map(Arrays::asList), args,
                System.getProperty("jdk.module.path"), System.getProperty("java.class.path"),
                Main.class.getModule().isNamed() ? Main.class.getModule().getName() : null, Main.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(CHILD_ENV, "1");
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM with " + MODULE + " (" + command.get(0) + "): "
                    + e.getMessage() + "; run 'weft bench --no-vector' to measure the scalar kernel");
        }
        // If we are told to stop (SIGTERM, SIGINT), stop the child too instead of leaving it running.
        Thread stopChild = new Thread(child::destroy, "weft-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            err.println("weft: interrupted while waiting for the bench JVM");
            return Main.EXIT_FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting: the hook runs and destroys the finished child, harmlessly.
            }
        }
    }

    private static String javaExecutable(ProcessHandle.Info info) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return info.command().orElse(java.toString());
    }

    /**
     * The child's command line. With this process's own arguments (JVM options, main class or module, command
     * arguments) when they are known and end with {@code appArgs}; else rebuilt from the module path or class
     * path and the main class, losing other JVM options.
     *
     * @param processArgs the arguments of this process after the executable, if the OS reports them
     * @param appArgs     the arguments {@code weft} was given
     * @param mainModule  the module of the main class, or null on the class path
     */
    static List<String> childCommand(String java, Optional<List<String>> processArgs, List<String> appArgs,
                                     String modulePath, String classPath, String mainModule, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add(ADD_MODULES);
        if (processArgs.isPresent() && endsWith(processArgs.get(), appArgs)) {
            cmd.addAll(processArgs.get());
            return cmd;
        }
        if (modulePath != null && !modulePath.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
        }
        if (classPath != null && !classPath.isEmpty()) {
            cmd.add("-cp");
            cmd.add(classPath);
        }
        if (mainModule != null) {
            cmd.add("--module");
            cmd.add(mainModule + "/" + mainClass);
        } else {
            cmd.add(mainClass);
        }
        cmd.addAll(appArgs);
        return cmd;
    }

    private static boolean endsWith(List<String> all, List<String> tail) {
        // The main class or module always precedes the command's own arguments, so all must be longer.
        return all.size() > tail.size() && all.subList(all.size() - tail.size(), all.size()).equals(tail);
    }
}
