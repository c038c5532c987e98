package dev.weft.it.probe;

import dev.weft.it.support.WeftRuntime;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles {@link PoolProbe} from this module's test sources into a little application module,
 * {@value #NAME}, that {@code requires dev.weft} only, the way a user's application would. The output folder
 * works on the module path ({@code -m}) and on the class path, where its module-info is ignored.
 */
public final class ProbeModule {

    /** The probe application's module name. */
    public static final String NAME = "dev.weft.it.probe";
    /** The probe's main class. */
    public static final String MAIN = PoolProbe.class.getName();

    private ProbeModule() {
    }

    /**
     * Compiles the probe module into {@code workDir}/classes against the Weft jars.
     *
     * @return the folder holding the compiled module
     */
    public static Path compile(Path workDir) throws IOException {
        Path src = workDir.resolve("src");
        Path classes = workDir.resolve("classes");
        Path probeSource = src.resolve(MAIN.replace('.', '/') + ".java");
        Files.createDirectories(probeSource.getParent());
        Files.writeString(src.resolve("module-info.java"), "module " + NAME + " {\n    requires dev.weft;\n}\n");
        Files.copy(WeftRuntime.testSources().resolve(MAIN.replace('.', '/') + ".java"), probeSource);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "--release", "17", "-proc:none",
                "--module-path", WeftRuntime.joined(WeftRuntime.jars()), "-d", classes.toString(),
                src.resolve("module-info.java").toString(), probeSource.toString());
        if (status != 0) {
            throw new IllegalStateException("the probe module did not compile (javac status " + status + "):\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }
}
