/**
 * Compute kernels that run on any {@link java.util.concurrent.ExecutorService} (a Weft pool or a
 * {@link java.util.concurrent.ForkJoinPool}): a packed, register- and cache-blocked GEMM first.
 *
 * <p>The micro-kernels use the incubator Vector API when the JVM resolves {@code jdk.incubator.vector}
 * ({@code --add-modules jdk.incubator.vector}) and fall back to scalar Java otherwise, so this module works
 * without it.
 */
module dev.weft.kernels {
    requires transitive dev.weft;
    requires static jdk.incubator.vector;

    exports dev.weft.kernels;
}
