package dev.weft.topology;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between {@link CpuSet} and its two textual forms, and the parsers' behaviour on garbage. */
class CpuSetPropertiesTest {

    @Provide
    Arbitrary<Set<Integer>> cpuIds() {
        // Mostly small ids (the common case), sometimes large ones to cross many 32/64-bit word boundaries.
        Arbitrary<Integer> id = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 300)),
                Tuple.of(1, Arbitraries.integers().between(0, 9000)));
        return id.set().ofMaxSize(64);
    }

    @Property(tries = 300)
    void listForm_roundTrips(@ForAll("cpuIds") Set<Integer> ids) {
        CpuSet set = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());

        assertThat(CpuSet.parseList(set.toList())).isEqualTo(set);
        assertThat(set.size()).isEqualTo(ids.size());
    }

    @Property(tries = 300)
    void maskForm_roundTrips(@ForAll("cpuIds") Set<Integer> ids) {
        CpuSet set = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());

        assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
        assertThat(CpuSet.parseMask(set.toMask() + "\n\0")).isEqualTo(set);
    }

    @Property(tries = 300)
    void listAndMask_agree(@ForAll("cpuIds") Set<Integer> ids) {
        CpuSet set = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());

        assertThat(CpuSet.parseList(set.toList())).isEqualTo(CpuSet.parseMask(set.toMask()));
        assertThat(set.toArray()).containsExactly(ids.stream().sorted().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 500)
    void parseList_garbage_givesSetOrIllegalArgument(@ForAll("cpulistLike") String text) {
        try {
            CpuSet set = CpuSet.parseList(text);
            assertThat(CpuSet.parseList(set.toList())).isEqualTo(set);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("'");
        }
    }

    @Property(tries = 500)
    void parseMask_garbage_givesSetOrIllegalArgument(@ForAll("maskLike") String text) {
        try {
            CpuSet set = CpuSet.parseMask(text);
            assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("CPU mask '");
        }
    }

    @Provide
    Arbitrary<String> cpulistLike() {
        return Arbitraries.strings().withChars("0123456789,- \n\0x").ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> maskLike() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF,x \n\0g").ofMaxLength(40);
    }
}
