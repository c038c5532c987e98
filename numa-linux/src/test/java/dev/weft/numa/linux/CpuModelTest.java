package dev.weft.numa.linux;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuModelTest {

    @Test
    void parse_x86ModelName_trimmed() {
        assertThat(CpuModel.parse("processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 15\n"
                + "model name\t:                   Intel(R) Xeon(TM) CPU 2.60GHz\ncpu MHz\t\t: 2600.0\n"))
                .isEqualTo("Intel(R) Xeon(TM) CPU 2.60GHz");
    }

    @Test
    void parse_power_usesCpuKey() {
        assertThat(CpuModel.parse("processor\t: 0\ncpu\t\t: POWER7 (architected), altivec supported\nclock\t\t: 3864.000000MHz\n"))
                .isEqualTo("POWER7 (architected), altivec supported");
    }

    @Test
    void parse_s390_vendorAndMachine() {
        assertThat(CpuModel.parse("vendor_id       : IBM/S390\n# processors    : 20\n"
                + "processor 0: version = 00,  identification = 279F25,  machine = 2817\n"))
                .isEqualTo("IBM/S390 machine 2817");
    }

    @Test
    void parse_arm64_implementerAndPart() {
        assertThat(CpuModel.parse("processor\t: 0\nBogoMIPS\t: 200.00\nCPU implementer\t: 0x48\nCPU part\t: 0xd01\n"))
                .isEqualTo("ARM implementer 0x48 part 0xd01");
    }

    @Test
    void parse_nothingKnown_isUnknown() {
        assertThat(CpuModel.parse("")).isEqualTo("unknown");
        assertThat(CpuModel.parse("\u0000\u00ff garbage")).isEqualTo("unknown");
        assertThat(CpuModel.parse("model name\t: \u0001\u0002\n")).isEqualTo("unknown");
    }

    @Test
    void parse_controlCharactersAndLength_areBounded() {
        String model = CpuModel.parse("model name\t: A\u001b[2JB" + "x".repeat(500) + "\n");

        assertThat(model).startsWith("A[2JB").doesNotContain("\u001b").hasSizeLessThanOrEqualTo(120);
    }
}
