package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports its API package only and needs nothing but the api and the JDK. */
class ModuleDescriptorTest {

    private final ModuleDescriptor descriptor = Gemm.class.getModule().getDescriptor();

    @Test
    void exports_onlyTheApiPackage() {
        assertThat(descriptor.name()).isEqualTo("dev.weft.kernels");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.weft.kernels");
    }

    @Test
    void requires_theApiAndTheJdkOnly_withTheVectorModuleOptional() {
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertThat(requires).containsExactlyInAnyOrder("java.base", "dev.weft", "jdk.incubator.vector");
        assertThat(descriptor.requires()).filteredOn(r -> r.name().equals("jdk.incubator.vector"))
                .allSatisfy(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}
