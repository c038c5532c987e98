package dev.weft.it.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ways an application runs Weft: its jars on the module path ({@code provides}/{@code uses} bind the
 * providers) or on the class path ({@code META-INF/services}). Each builds a {@code java} command line over
 * {@link WeftRuntime#jars()} plus any extra entries in front.
 */
public enum Launch {
    /** {@code java -p <jars> -m module/class}. */
    MODULE_PATH("--enable-native-access=com.sun.jna", "-p"),
    /** {@code java -cp <jars> class}. */
    CLASS_PATH("--enable-native-access=ALL-UNNAMED", "-cp");

    /** The CLI's module. */
    public static final String CLI_MODULE = "dev.weft.cli";
    /** The CLI's main class. */
    public static final String CLI_MAIN = "dev.weft.cli.Main";

    private final String nativeAccess;
    private final String pathOption;

    Launch(String nativeAccess, String pathOption) {
        this.nativeAccess = nativeAccess;
        this.pathOption = pathOption;
    }

    /**
     * A command that runs {@code mainClass} (in {@code module}, on the module path) with {@code args}.
     *
     * @param extra      entries placed before the Weft jars (a probe's classes)
     * @param jvmOptions options for the JVM, such as {@code -Dweft.topology.provider=fallback}
     */
    public List<String> command(List<Path> extra, List<String> jvmOptions, String module, String mainClass,
                                List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaLauncher().toString());
        // JNA loads its native library: JDK 22+ warns on stderr unless it is allowed to.
        cmd.add(nativeAccess);
        // Short-lived children: C2 and a parallel collector only cost start-up time (about half of it here).
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(jvmOptions);
        List<Path> path = new ArrayList<>(extra);
        path.addAll(WeftRuntime.jars());
        cmd.add(pathOption);
        cmd.add(WeftRuntime.joined(path));
        if (this == MODULE_PATH) {
            cmd.add("-m");
            cmd.add(module + "/" + mainClass);
        } else {
            cmd.add(mainClass);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The {@code weft} command with {@code jvmOptions} and {@code args}. */
    public List<String> cli(List<String> jvmOptions, String... args) {
        return command(List.of(), jvmOptions, CLI_MODULE, CLI_MAIN, List.of(args));
    }
}
