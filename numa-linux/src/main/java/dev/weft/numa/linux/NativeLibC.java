package dev.weft.numa.linux;

import com.sun.jna.Native;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Loads {@link LibC} once per JVM and remembers why it could not, in the Netty style: callers ask
 * {@link #shared()} and get the library or the cause, never an {@link Error}. JNA fails to load with
 * {@link UnsatisfiedLinkError} (no native stub for this platform, or a noexec temp folder),
 * {@link NoClassDefFoundError} (its class initialiser failed earlier, or the jar is missing) or another
 * {@link LinkageError}; each is caught here and logged once as a warning.
 *
 * @param lib   the loaded library, or null
 * @param cause why it is null
 */
record NativeLibC(LibC lib, Throwable cause) {

    private static final System.Logger LOG = System.getLogger("dev.weft.numa.linux");

    /** The JVM-wide attempt, made on first use. */
    static NativeLibC shared() {
        return Holder.SHARED;
    }

    /** Runs {@code loader}, turning any failure into a cause logged once on {@code log}. */
    static NativeLibC load(Supplier<LibC> loader, System.Logger log) {
        try {
            return new NativeLibC(Objects.requireNonNull(loader.get(), "loader returned null"), null);
        } catch (LinkageError | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "thread affinity is unavailable: JNA could not load libc ({0});"
                    + " Weft runs without pinning threads", e.toString());
            return new NativeLibC(null, e);
        }
    }

    /** Lazy holder: the class initialiser runs (and the library loads) only when affinity is first used. */
    private static final class Holder {
        static final NativeLibC SHARED = load(() -> Native.load("c", LibC.class), LOG);
    }
}
