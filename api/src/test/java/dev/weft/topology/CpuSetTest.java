package dev.weft.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuSetTest {

    @Test
    void parseList_rangesAndSingles() {
        CpuSet set = CpuSet.parseList("0-3,8-11,15");

        assertThat(set.toArray()).containsExactly(0, 1, 2, 3, 8, 9, 10, 11, 15);
        assertThat(set.size()).isEqualTo(9);
        assertThat(set.toList()).isEqualTo("0-3,8-11,15");
    }

    @Test
    void parseList_trailingNewlineAndNul() {
        assertThat(CpuSet.parseList("0-31\n\0")).isEqualTo(CpuSet.range(0, 31));
        assertThat(CpuSet.parseList("5\n")).isEqualTo(CpuSet.of(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n", "\n\0"})
    void parseList_blank_isEmpty(String text) {
        assertThat(CpuSet.parseList(text).isEmpty()).isTrue();
    }

    @Test
    void parseList_printsAdjacentSinglesAsRange() {
        assertThat(CpuSet.parseList("0,1,2,4").toList()).isEqualTo("0-2,4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-", "-3", "a", "1,,2", "3-1", "0-3,", "1 2", "0\u00002"})
    void parseList_malformed_quotesText(String text) {
        assertThatThrownBy(() -> CpuSet.parseList(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpulist '" + CpuSet.printable(text) + "'");
    }

    @Test
    void parseList_controlCharacters_areEscapedInMessage() {
        assertThatThrownBy(() -> CpuSet.parseList("0\u00012"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0\\x012")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0001"));
        assertThatThrownBy(() -> CpuSet.parseMask("ff,\u001b[2J"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void parseList_idAboveMax_namesLimit() {
        assertThatThrownBy(() -> CpuSet.parseList("0-" + (CpuSet.MAX_CPU_ID + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range")
                .hasMessageContaining(String.valueOf(CpuSet.MAX_CPU_ID));
    }

    @Test
    void parseMask_twoWords_mostSignificantFirst() {
        CpuSet set = CpuSet.parseMask("0000ffff,00000003");

        assertThat(set.toList()).isEqualTo("0-1,32-47");
        assertThat(set.toMask()).isEqualTo("0000ffff,00000003");
    }

    @Test
    void parseMask_oldKernelForm_withZeroWordsAndNul() {
        CpuSet set = CpuSet.parseMask("00000000,00000000,00000000,00000101\n\0");

        assertThat(set).isEqualTo(CpuSet.of(0, 8));
        assertThat(set.toMask()).isEqualTo("00000101");
    }

    @Test
    void parseMask_hexPrefixAndShortWords() {
        assertThat(CpuSet.parseMask("0xf")).isEqualTo(CpuSet.range(0, 3));
        assertThat(CpuSet.parseMask("1,0")).isEqualTo(CpuSet.of(32));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "zz", "123456789", "ff,,ff", "ff, "})
    void parseMask_malformed_quotesText(String text) {
        assertThatThrownBy(() -> CpuSet.parseMask(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU mask '" + CpuSet.printable(text) + "'");
    }

    @Test
    void toMask_emptySet_isOneZeroWord() {
        assertThat(CpuSet.empty().toMask()).isEqualTo("00000000");
        assertThat(CpuSet.parseMask(CpuSet.empty().toMask())).isEqualTo(CpuSet.empty());
    }

    @Test
    void toMask_cpu63_fillsBothHalvesOfAWord() {
        assertThat(CpuSet.of(63).toMask()).isEqualTo("80000000,00000000");
        assertThat(CpuSet.of(31, 32).toMask()).isEqualTo("00000001,80000000");
    }

    @Test
    void setOperations() {
        CpuSet a = CpuSet.parseList("0-7");
        CpuSet b = CpuSet.parseList("4-11");

        assertThat(a.intersect(b).toList()).isEqualTo("4-7");
        assertThat(a.union(b).toList()).isEqualTo("0-11");
        assertThat(a.minus(b).toList()).isEqualTo("0-3");
        assertThat(a.containsAll(CpuSet.of(1, 7))).isTrue();
        assertThat(a.containsAll(CpuSet.of(1, 8))).isFalse();
        assertThat(a.intersect(CpuSet.of(100)).isEmpty()).isTrue();
    }

    @Test
    void navigation() {
        CpuSet set = CpuSet.parseList("3,64,130");

        assertThat(set.first()).isEqualTo(3);
        assertThat(set.last()).isEqualTo(130);
        assertThat(set.nextCpu(4)).isEqualTo(64);
        assertThat(set.nextCpu(131)).isEqualTo(-1);
        assertThat(set.contains(64)).isTrue();
        assertThat(set.contains(-1)).isFalse();
        assertThat(CpuSet.empty().last()).isEqualTo(-1);
        assertThatThrownBy(() -> CpuSet.empty().first()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void words_roundTripAndEquality() {
        CpuSet set = CpuSet.parseList("0,63,64,200");

        assertThat(CpuSet.fromWords(set.toWords())).isEqualTo(set);
        assertThat(CpuSet.fromWords(new long[] {1, 0, 0})).isEqualTo(CpuSet.of(0)).hasSameHashCodeAs(CpuSet.of(0));
        assertThat(set.toString()).isEqualTo("0,63-64,200");
    }

    @Test
    void of_negativeId_isRejected() {
        assertThatThrownBy(() -> CpuSet.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU id -1");
    }

    @Test
    void range_backwards_isRejected() {
        assertThatThrownBy(() -> CpuSet.range(3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-1");
    }
}
