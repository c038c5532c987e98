package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.CpuSet;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.Test;

/** Cache blocking from cache sizes (Low et al.'s model) and from a topology. */
class BlockingTest {

    @Test
    void forCaches_typicalServerCore_followsTheModel() {
        Blocking b = Blocking.forCaches(32 << 10, 1 << 20, 32 << 20, Double.BYTES, 6, 8);

        assertThat(b.kc()).isEqualTo(256); // 8 columns x 256 x 8 bytes = 16 KiB = half of L1
        assertThat(b.mc()).isEqualTo(252); // 252 x 256 x 8 bytes ~ half of L2, a multiple of MR = 6
        assertThat(b.nc()).isEqualTo(256); // 256 x 256 x 8 bytes = half of L2 (L3 would allow far more)
    }

    @Test
    void forCaches_unknownSizes_takeTheDefaults() {
        assertThat(Blocking.forCaches(-1, -1, -1, Double.BYTES, 6, 8))
                .isEqualTo(Blocking.forCaches(Blocking.DEFAULT_L1, Blocking.DEFAULT_L2, Blocking.DEFAULT_L3,
                        Double.BYTES, 6, 8));
    }

    @Test
    void forCaches_tinyOrHugeCaches_stayInRangeAndOnTileMultiples() {
        Blocking tiny = Blocking.forCaches(1024, 4096, 8192, Double.BYTES, 6, 8);
        Blocking huge = Blocking.forCaches(1L << 30, 1L << 36, 1L << 40, Float.BYTES, 6, 16);

        for (Blocking b : new Blocking[] {tiny, huge}) {
            assertThat(b.kc()).isBetween(64, 1024);
            assertThat(b.mc()).isPositive();
            assertThat(b.nc()).isPositive().isLessThanOrEqualTo(4096);
        }
        assertThat(tiny.mc() % 6).isZero();
        assertThat(tiny.nc() % 8).isZero();
        assertThat(huge.nc() % 16).isZero();
    }

    @Test
    void forTopology_smallCaches_giveSmallerBlocksThanDefaults() {
        Topology small = Topology.builder().uniform(1, 2)
                .cache(new Cache(1, CacheType.DATA, 16 << 10, 64, CpuSet.of(0)))
                .cache(new Cache(1, CacheType.DATA, 16 << 10, 64, CpuSet.of(1)))
                .cache(new Cache(2, CacheType.UNIFIED, 256 << 10, 64, CpuSet.of(0)))
                .cache(new Cache(2, CacheType.UNIFIED, 256 << 10, 64, CpuSet.of(1)))
                .cache(new Cache(3, CacheType.UNIFIED, 4 << 20, 64, CpuSet.of(0, 1)))
                .build();

        String description = Gemm.forTopology(small).toString();

        // L3 counts per core: the 4 MiB instance is shared by both cores, so each plans with 2 MiB.
        DoubleKernel kernel = KernelSet.best().doubles();
        Blocking expected = Blocking.forCaches(16 << 10, 256 << 10, 2 << 20, Double.BYTES, kernel.mr(), kernel.nr());
        Blocking defaults = Blocking.forCaches(-1, -1, -1, Double.BYTES, kernel.mr(), kernel.nr());
        assertThat(description).contains("double MRxNR=" + kernel.mr() + "x" + kernel.nr() + " MC=" + expected.mc()
                + " KC=" + expected.kc() + " NC=" + expected.nc());
        assertThat(expected.kc()).isLessThan(defaults.kc());
        assertThat(expected.mc()).isLessThan(defaults.mc());
        assertThat(expected.nc()).isLessThan(defaults.nc());
    }

    @Test
    void forTopology_withoutCaches_equalsDefaults() {
        Topology bare = Topology.builder().uniform(1, 2).build();

        assertThat(Gemm.forTopology(bare).toString()).isEqualTo(Gemm.defaults().toString());
    }
}
