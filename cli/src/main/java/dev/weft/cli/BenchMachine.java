package dev.weft.cli;

import dev.weft.topology.Topology;

/**
 * The header of {@code weft bench}: what ran where.
 *
 * @param kernel    {@code Gemm.implementation()}, e.g. {@code vector (...)} or {@code scalar}
 * @param kernelWhy why the kernel is scalar when the reason is known (no incubator module, --no-vector), else ""
 * @param scheduler the name of the scheduler provider behind {@code Weft.newPool}
 */
record BenchMachine(String cpuModel, int packages, int cores, int pus, String usableCpus, int defaultParallelism,
                    String provider, String scheduler, String kernel, String kernelWhy, String jdk, String jvm, String os,
                    String weftVersion) {

    static BenchMachine describe(Topology t, String scheduler, String kernel, String kernelWhy) {
        return new BenchMachine(t.cpuModel(), t.packageCount(), t.coreCount(), t.puCount(), t.usableCpus().toList(),
                t.defaultParallelism(), t.provider(), scheduler, kernel, kernelWhy, MachineInfo.jdk(), MachineInfo.jvm(),
                MachineInfo.os().strip(), Versions.weftVersion());
    }

    /** True when the GEMM kernel does not use the Vector API. */
    boolean scalarKernel() {
        return kernel.strip().toLowerCase(java.util.Locale.ROOT).startsWith("scalar");
    }
}
