package dev.weft.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code weft --version}: Weft's version (filtered into a resource at build time) and the JDK running it. */
final class Versions implements IVersionProvider {

    /** Weft's version, or {@code "unknown"} when the build did not record it. */
    static String weftVersion() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Weft's version.properties", e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "weft " + weftVersion(),
            "JDK " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " ("
                    + System.getProperty("java.vm.name", "unknown VM") + ", " + System.getProperty("java.vm.vendor", "unknown vendor")
                    + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
