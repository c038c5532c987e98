package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which kernels a JVM with {@code --add-modules jdk.incubator.vector} picks (surefire's default execution). */
class KernelSetTest {

    @Test
    void best_withVectorModuleResolved_usesTheVectorKernels() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();

        assertThat(Gemm.implementation()).startsWith("vector-").contains("jdk.incubator.vector").contains("doubles)");
        assertThat(KernelSet.best().doubles()).isInstanceOf(VectorDoubleKernel.class);
        assertThat(KernelSet.best().floats()).isInstanceOf(VectorFloatKernel.class);
    }

    @Test
    void scalar_forced_describesItself() {
        KernelSet scalar = KernelSet.scalar();

        assertThat(scalar.description()).isEqualTo("scalar (forced)");
        assertThat(scalar.doubles()).isInstanceOf(ScalarDoubleKernel.class);
        assertThat(scalar.floats()).isInstanceOf(ScalarFloatKernel.class);
    }

    @Test
    void vectorKernels_tileFitsSixteenRegisters() {
        DoubleKernel doubles = KernelSet.best().doubles();

        assertThat(doubles.mr()).isEqualTo(6);
        assertThat(doubles.nr()).isEqualTo(2 * jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length());
    }
}
