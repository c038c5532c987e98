/**
 * Weft's JMH suite: Weft beside {@code ForkJoinPool} and {@code ThreadPoolExecutor} (and EJML, ojAlgo and
 * netlib's Java BLAS for GEMM) in the same run, plus the tool that turns JMH's JSON into the ratio tables of
 * {@code docs/PERFORMANCE.md}.
 *
 * <p>This descriptor keeps the compile honest (only the API and the kernels are named; the scheduler and the
 * topology providers arrive at run time through {@link java.util.ServiceLoader}). The benchmarks themselves run
 * from the shaded {@code target/benchmarks.jar} on the class path, where JMH expects them: the shaded jar leaves
 * every {@code module-info.class} out. Nothing is exported: this module has no API.
 */
module dev.weft.benchmarks {
    requires dev.weft;
    requires dev.weft.kernels;
    requires java.management;
    requires jmh.core;
    requires ejml.core;
    requires ejml.ddense;
    requires ojalgo;
    requires dev.ludovic.netlib.blas;
}
