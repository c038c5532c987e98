package dev.weft.topology;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static dev.weft.topology.Properties.forAll;
import static dev.weft.topology.Properties.intBetween;
import static dev.weft.topology.Properties.seed;
import static dev.weft.topology.Properties.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between {@link CpuSet} and its two textual forms, and the parsers' behaviour on garbage. */
class CpuSetPropertiesTest {

    /** 0 to 64 distinct ids in random order: mostly small (the common case), one in nine up to 9000 (many words). */
    private static Set<Integer> cpuIds(SplittableRandom random) {
        int size = intBetween(random, 0, 64);
        Set<Integer> ids = new LinkedHashSet<>();
        while (ids.size() < size) {
            ids.add(random.nextInt(9) == 0 ? intBetween(random, 0, 9000) : intBetween(random, 0, 300));
        }
        return ids;
    }

    private static CpuSet cpuSet(Set<Integer> ids) {
        return CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String cpulistLike(SplittableRandom random) {
        return string(random, "0123456789,- \n\0x", 24);
    }

    private static String maskLike(SplittableRandom random) {
        return string(random, "0123456789abcdefABCDEF,x \n\0g", 40);
    }

    @Test
    void listForm_roundTrips() {
        forAll("listForm_roundTrips", 300, seed(), CpuSetPropertiesTest::cpuIds, ids -> {
            CpuSet set = cpuSet(ids);

            assertThat(CpuSet.parseList(set.toList())).isEqualTo(set);
            assertThat(set.size()).isEqualTo(ids.size());
        });
    }

    @Test
    void maskForm_roundTrips() {
        forAll("maskForm_roundTrips", 300, seed(), CpuSetPropertiesTest::cpuIds, ids -> {
            CpuSet set = cpuSet(ids);

            assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
            assertThat(CpuSet.parseMask(set.toMask() + "\n\0")).isEqualTo(set);
        });
    }

    @Test
    void listAndMask_agree() {
        forAll("listAndMask_agree", 300, seed(), CpuSetPropertiesTest::cpuIds, ids -> {
            CpuSet set = cpuSet(ids);

            assertThat(CpuSet.parseList(set.toList())).isEqualTo(CpuSet.parseMask(set.toMask()));
            assertThat(set.toArray()).containsExactly(ids.stream().sorted().mapToInt(Integer::intValue).toArray());
        });
    }

    @Test
    void parseList_garbage_givesSetOrIllegalArgument() {
        forAll("parseList_garbage_givesSetOrIllegalArgument", 500, seed(), CpuSetPropertiesTest::cpulistLike, text -> {
            try {
                CpuSet set = CpuSet.parseList(text);
                assertThat(CpuSet.parseList(set.toList())).isEqualTo(set);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains("'");
            }
        });
    }

    @Test
    void parseMask_garbage_givesSetOrIllegalArgument() {
        forAll("parseMask_garbage_givesSetOrIllegalArgument", 500, seed(), CpuSetPropertiesTest::maskLike, text -> {
            try {
                CpuSet set = CpuSet.parseMask(text);
                assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("CPU mask '");
            }
        });
    }
}
