package dev.weft.it.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the build put things, as the pom passes them to the tests: the jars of the Weft modules and of their
 * run-time dependencies (JNA, picocli), the repository root, and this module's test sources.
 */
public final class WeftRuntime {

    private WeftRuntime() {
    }

    /**
     * The Weft jars and their run-time dependencies, from {@code dependency:build-classpath}. In a reactor build
     * that stops before {@code package} a Weft entry is its module's {@code target/classes} folder instead of
     * a jar; both work on the module path and the class path.
     *
     * @throws IllegalStateException when the tests run outside Maven, which sets the property
     */
    public static List<Path> jars() {
        String path = required("weft.it.runtimePath");
        List<Path> jars = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry));
            }
        }
        jars.forEach(j -> {
            if (!Files.exists(j)) {
                throw new IllegalStateException("weft.it.runtimePath names " + j + ", which does not exist");
            }
        });
        return List.copyOf(jars);
    }

    /** The Weft repository (the parent of this module's folder). */
    public static Path repoRoot() {
        return Path.of(required("weft.it.repoRoot")).toAbsolutePath().normalize();
    }

    /** This module's {@code src/test/java}. */
    public static Path testSources() {
        return Path.of(required("weft.it.testSources"));
    }

    /** The real-machine sysfs dumps kept beside the repository ({@code ../shared}), which a fresh clone lacks. */
    public static Path sysfsFixture(String machine) {
        return repoRoot().resolveSibling("shared").resolve("fixtures").resolve("sysfs").resolve(machine);
    }

    /** {@code paths} joined with the platform's path separator. */
    public static String joined(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toArray(String[]::new));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run these tests with"
                    + " ./mvnw -pl integration-tests verify, whose surefire configuration sets it");
        }
        return value;
    }
}
