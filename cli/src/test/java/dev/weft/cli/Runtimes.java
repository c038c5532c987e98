package dev.weft.cli;

import dev.weft.Weft;
import dev.weft.spi.TopologyProvider;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the test JVM has: the sysfs fixtures, a scheduler, a provider that reads dumps. */
final class Runtimes {

    /** Surefire runs in the module folder: the repo root is its parent, the fixtures sit beside the repo. */
    static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "sysfs").toAbsolutePath().normalize();

    private Runtimes() {
    }

    static boolean hasFixtures() {
        return Files.isDirectory(FIXTURES);
    }

    static boolean hasScheduler() {
        try {
            Weft.schedulerProvider();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static boolean hasDumpReader() {
        return Weft.topologyProviders().stream().map(TopologyProvider::name).anyMatch("linux"::equals);
    }

    static boolean hasLiveTopology() {
        try {
            Weft.topology();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
