package dev.weft.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end within a time bound and captures what it printed. Output goes to files, not
 * pipes, so a chatty child can never block on a full pipe while we wait for it.
 */
public final class ChildJvm {

    /** Generous for a JVM start on a loaded 2-core machine; a hung child fails the test instead of the build. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Variables through which the JVM reads extra options and announces them on stderr ("Picked up ..."). */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private ChildJvm() {
    }

    /** The {@code java} launcher of the JVM running the tests, so children run on the same JDK. */
    public static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Runs {@code command} with a scrubbed environment and waits at most {@link #TIMEOUT}.
     *
     * @throws AssertionError naming the command when it does not end in time (the child is killed first)
     */
    public static Result run(List<String> command) {
        return run(command, Map.of());
    }

    /** Like {@link #run(List)}, with extra environment variables. */
    public static Result run(List<String> command, Map<String, String> environment) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("weft-it-", ".out");
            err = Files.createTempFile("weft-it-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            JVM_OPTION_VARIABLES.forEach(pb.environment()::remove);
            pb.environment().putAll(environment);
            Process p = pb.start();
            try {
                if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("child did not end within " + TIMEOUT + ": " + String.join(" ", command)
                            + "\nstdout: " + read(out) + "\nstderr: " + read(err));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + String.join(" ", command), e);
            }
            return new Result(command, p.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /**
     * What a child did.
     *
     * @param command  what ran, for failure messages
     * @param exitCode its exit status
     * @param stdout   everything it printed on standard output
     * @param stderr   everything it printed on standard error
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** The non-blank lines of standard error. */
        public List<String> stderrLines() {
            List<String> lines = new ArrayList<>();
            stderr.lines().filter(l -> !l.isBlank()).forEach(lines::add);
            return lines;
        }

        /** A description for assertion messages: the command, exit status and both outputs. */
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
