package dev.weft.numa.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the test fixtures live, and copies of them that tests may change. */
final class Fixtures {

    /** Overrides where the real-machine corpus is looked for. */
    static final String CORPUS_PROPERTY = "weft.sysfs.fixtures";

    private Fixtures() {
    }

    /**
     * The real-machine sysfs corpus, {@code <repo root>/../shared/fixtures/sysfs}: found by walking up from the
     * working folder (surefire runs in the module folder), so it works from the module or the repo root.
     */
    static Optional<Path> corpus() {
        String forced = System.getProperty(CORPUS_PROPERTY);
        if (forced != null) {
            return Optional.of(Path.of(forced)).filter(Files::isDirectory);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/sysfs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The machine folders of the corpus (those holding an expected.json), by name. */
    static List<Path> machines() {
        return corpus().map(root -> {
            try (Stream<Path> s = Files.list(root)) {
                return s.filter(p -> Files.isRegularFile(p.resolve("expected.json"))).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(List.of());
    }

    /** A fixture of this module's own, under src/test/resources/fixtures. */
    static Path own(String name) {
        Path p = Path.of("src/test/resources/fixtures", name).toAbsolutePath();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test fixture " + p + " is missing");
        }
        return p;
    }

    /** Copies a fixture tree into {@code target} (which tests may then change) and returns the copy. */
    static Path copy(Path source, Path target) {
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code root/relative}, creating folders. */
    static void write(Path root, String relative, String text) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
