package dev.weft.kernels;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;

/**
 * The double and float micro-kernels one {@link Gemm} uses, and how they were chosen.
 *
 * <p>Availability follows Netty's pattern: {@link #best()} probes once per JVM, the cause of a fallback is kept in
 * {@link #description()} and logged once at DEBUG, and {@value #VECTOR_PROPERTY}{@code =false} switches the
 * Vector API off. The vector kernels are loaded by name only after the probe, so a JVM without
 * {@code jdk.incubator.vector} never links a class that refers to it.
 *
 * @param doubles     the double micro-kernel
 * @param floats      the float micro-kernel
 * @param description what {@link Gemm#implementation()} reports
 */
record KernelSet(DoubleKernel doubles, FloatKernel floats, String description) {

    /** System property that, set to {@code false}, makes {@link #best()} pick the scalar kernels. */
    static final String VECTOR_PROPERTY = "weft.kernels.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The scalar kernels, whatever the JVM offers. */
    static KernelSet scalar() {
        return scalar("forced");
    }

    /** The fastest kernels this JVM can run, probed once. */
    static KernelSet best() {
        return Best.INSTANCE;
    }

    private static KernelSet scalar(String reason) {
        return new KernelSet(new ScalarDoubleKernel(), new ScalarFloatKernel(), "scalar (" + reason + ")");
    }

    /** Lazy holder: the probe runs on first use, once. */
    private static final class Best {
        static final KernelSet INSTANCE = probe();
    }

    private static KernelSet probe() {
        String reason = vectorUnavailabilityCause();
        if (reason == null) {
            try {
                DoubleKernel doubles = load("dev.weft.kernels.VectorDoubleKernel", DoubleKernel.class);
                FloatKernel floats = load("dev.weft.kernels.VectorFloatKernel", FloatKernel.class);
                int lanes = doubles.nr() / 2;
                return new KernelSet(doubles, floats, "vector-" + isa(lanes * Double.SIZE) + " (" + VECTOR_MODULE + ", "
                        + lanes + " doubles)");
            } catch (InvocationTargetException e) {
                reason = "the vector kernels refused this JVM: " + e.getCause();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                reason = "the vector kernels failed to load: " + e;
            }
        }
        System.getLogger("dev.weft.kernels").log(Level.DEBUG, "GEMM uses the scalar kernels: {0}", reason);
        return scalar(reason);
    }

    /** Why the vector kernels cannot be used, or null when they can. */
    private static String vectorUnavailabilityCause() {
        if ("false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true"))) {
            return "switched off by -D" + VECTOR_PROPERTY + "=false";
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return VECTOR_MODULE + " is not resolved: start the JVM with --add-modules " + VECTOR_MODULE;
        }
        if (!KernelSet.class.getModule().canRead(vector.get())) {
            return KernelSet.class.getModule() + " does not read " + VECTOR_MODULE;
        }
        return null;
    }

    private static <T> T load(String className, Class<T> type) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className, true, KernelSet.class.getClassLoader());
        return type.cast(c.getDeclaredConstructor().newInstance());
    }

    /** A readable name for the vector width on this architecture. */
    private static String isa(int bits) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return bits >= 512 ? "avx512" : bits == 256 ? "avx2" : "sse";
        }
        if (arch.equals("aarch64")) {
            return bits == 128 ? "neon" : "sve" + bits;
        }
        return bits + "bit";
    }
}
