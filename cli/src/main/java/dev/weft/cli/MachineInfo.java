package dev.weft.cli;

import dev.weft.topology.Topology;

import java.nio.file.Path;

/**
 * Where a topology came from and, for the live machine, the host it runs on (OS, JDK). For a recorded sysfs
 * dump the host's details describe this computer, not the dump's, so they are left out.
 *
 * @param source {@code live} or {@code dump}
 * @param root   the dump's folder, or null for the live machine
 */
record MachineInfo(String source, Path root) {

    static MachineInfo live() {
        return new MachineInfo("live", null);
    }

    static MachineInfo dump(Path root) {
        return new MachineInfo("dump", root);
    }

    boolean isLive() {
        return root == null;
    }

    /** {@code "Linux 6.1.0 amd64"}. */
    static String os() {
        return System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "") + " "
                + System.getProperty("os.arch", "");
    }

    /** {@code "17.0.15+6-Debian-1deb12u1"}. */
    static String jdk() {
        return System.getProperty("java.runtime.version", Runtime.version().toString());
    }

    /** {@code "OpenJDK 64-Bit Server VM (Debian)"}. */
    static String jvm() {
        return System.getProperty("java.vm.name", "unknown VM") + " (" + System.getProperty("java.vm.vendor", "unknown vendor") + ")";
    }

    /** Writes the {@code machine} object of the JSON reports (the caller has written its name). */
    void writeJson(JsonWriter w, Topology t) {
        w.beginObject();
        w.field("cpuModel", t.cpuModel());
        w.field("source", source);
        w.field("root", root == null ? null : root.toString());
        w.field("os", isLive() ? System.getProperty("os.name") : null);
        w.field("osVersion", isLive() ? System.getProperty("os.version") : null);
        w.field("arch", isLive() ? System.getProperty("os.arch") : null);
        w.field("jdk", isLive() ? jdk() : null);
        w.field("jvm", isLive() ? jvm() : null);
        w.name("availableProcessors");
        if (isLive()) {
            w.value(Runtime.getRuntime().availableProcessors());
        } else {
            w.nullValue();
        }
        w.endObject();
    }
}
