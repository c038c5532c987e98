package dev.weft.cli;

import dev.weft.Weft;
import dev.weft.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code weft topology [--json] [--root DIR]}: the machine as the chosen topology provider sees it. It never
 * touches the kernels, so the JVM never resolves {@code jdk.incubator.vector} for it.
 */
@Command(name = "topology", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Shows the machine: NUMA nodes, packages, cores and CPUs with their caches, node distances, "
                + "the CPUs this process may use, the CPU quota and the default parallelism."},
        footer = {"", "A --root folder that does not exist is bad usage (exit 2); a folder that is not a readable "
                + "sysfs dump is a failure (exit 1). Reading a dump never falls back to the live machine."})
final class TopologyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of the report (schema: cli/README-json.md).")
    boolean json;

    private Path root;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read a recorded sysfs tree whose root is DIR (holding sys/devices/system) instead of this machine.")
    void setRoot(String dir) {
        if (dir.isBlank()) {
            // Path.of("") is the current folder: an empty value is a slip, not a request to read ./sys.
            throw new ParameterException(spec.commandLine(), "--root '" + dir + "' is invalid: give the folder that holds sys/devices/system");
        }
        Path p;
        try {
            p = Path.of(dir);
        } catch (InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "--root '" + dir + "' is not a valid path: " + e.getReason());
        }
        if (!Files.exists(p)) {
            throw new ParameterException(spec.commandLine(), "--root " + dir + ": no such folder");
        }
        if (!Files.isDirectory(p)) {
            throw new ParameterException(spec.commandLine(), "--root " + dir + " is not a folder: give the folder that holds sys/devices/system");
        }
        root = p;
    }

    @Override
    public Integer call() {
        Topology t = root == null ? Weft.topology() : Weft.readTopologyDump(root);
        MachineInfo machine = root == null ? MachineInfo.live() : MachineInfo.dump(root);
        spec.commandLine().getOut().print(json ? TopologyJson.render(t, machine) : TopologyText.render(t, machine));
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
