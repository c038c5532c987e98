package dev.weft.it;

import dev.weft.it.support.WeftRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Weft jar's module descriptor says exactly what the design says (STYLE habit 1): the exported packages,
 * the services provided, and the same providers again in {@code META-INF/services} for the class path.
 */
class ModuleDescriptorTest {

    private static final String SCHEDULER_SPI = "dev.weft.spi.SchedulerProvider";
    private static final String TOPOLOGY_SPI = "dev.weft.spi.TopologyProvider";

    /** Module name to the packages it exports, to everyone. Everything else is encapsulated. */
    private static final Map<String, Set<String>> EXPORTS = Map.of(
            "dev.weft", Set.of("dev.weft", "dev.weft.topology", "dev.weft.spi"),
            "dev.weft.core", Set.of(),
            "dev.weft.numa.linux", Set.of(),
            "dev.weft.numa.fallback", Set.of(),
            "dev.weft.kernels", Set.of("dev.weft.kernels"),
            "dev.weft.cli", Set.of());

    /** Module name to the services it provides; modules not listed provide none. */
    private static final Map<String, String> PROVIDES = Map.of(
            "dev.weft.core", SCHEDULER_SPI,
            "dev.weft.numa.linux", TOPOLOGY_SPI,
            "dev.weft.numa.fallback", TOPOLOGY_SPI);

    /** Each Weft module, read from its own jar. */
    private static final Map<String, Jar> MODULES = new TreeMap<>();

    private record Jar(Path path, ModuleDescriptor descriptor) {
        @Override
        public String toString() {
            return descriptor.name();
        }
    }

    @BeforeAll
    static void readDescriptors() {
        for (Path jar : WeftRuntime.jars()) {
            // One finder per jar: each jar must carry its own module-info, not borrow a name from another.
            Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
            assertThat(found).as("modules in %s", jar).hasSize(1);
            ModuleDescriptor d = found.iterator().next().descriptor();
            if (d.name().equals("dev.weft") || d.name().startsWith("dev.weft.")) {
                assertThat(d.isAutomatic()).as("%s in %s is automatic: it lacks a module-info", d.name(), jar).isFalse();
                assertThat(MODULES.put(d.name(), new Jar(jar, d))).as("two jars hold %s", d.name()).isNull();
            }
        }
    }

    static Stream<String> moduleNames() {
        return EXPORTS.keySet().stream().sorted();
    }

    @Test
    void runtimePath_holdsEveryWeftModuleOnce() {
        assertThat(MODULES.keySet()).containsExactlyInAnyOrderElementsOf(EXPORTS.keySet());
    }

    @ParameterizedTest
    @MethodSource("moduleNames")
    void exports_areExactlyTheApiPackages_unqualified(String module) {
        ModuleDescriptor d = descriptor(module);

        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .as("packages exported by %s", module).isEqualTo(EXPORTS.get(module));
        assertThat(d.exports()).as("qualified exports of %s", module).allMatch(e -> !e.isQualified());
    }

    @ParameterizedTest
    @MethodSource("moduleNames")
    void opens_isNeverUnqualified(String module) {
        ModuleDescriptor d = descriptor(module);

        assertThat(d.isOpen()).as("%s is an open module", module).isFalse();
        assertThat(d.opens()).as("opens of %s", module).allMatch(ModuleDescriptor.Opens::isQualified);
    }

    @ParameterizedTest
    @MethodSource("moduleNames")
    void provides_isDeclaredOnlyByTheProviders(String module) {
        ModuleDescriptor d = descriptor(module);
        Optional<String> expected = Optional.ofNullable(PROVIDES.get(module));

        assertThat(d.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()))
                .as("services provided by %s", module).isEqualTo(expected.map(Set::of).orElse(Set.of()));
        for (ModuleDescriptor.Provides p : d.provides()) {
            assertThat(p.providers()).as("providers of %s in %s", p.service(), module).hasSize(1);
            String provider = p.providers().get(0);
            assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source))
                    .as("%s's provider %s must stay in an encapsulated package", module, provider)
                    .doesNotContain(provider.substring(0, provider.lastIndexOf('.')));
        }
    }

    @ParameterizedTest
    @MethodSource("moduleNames")
    void metaInfServices_matchesTheDescriptor(String module) throws IOException {
        Jar jar = MODULES.get(module);
        assertThat(jar).as("jar of %s", module).isNotNull();

        for (String service : List.of(SCHEDULER_SPI, TOPOLOGY_SPI)) {
            Set<String> declared = jar.descriptor().provides().stream().filter(p -> p.service().equals(service))
                    .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(servicesFile(jar.path(), service)).as("META-INF/services/%s in %s", service, jar.path())
                    .isEqualTo(declared);
        }
    }

    @Test
    void api_usesBothServices() {
        assertThat(descriptor("dev.weft").uses()).containsExactlyInAnyOrder(SCHEDULER_SPI, TOPOLOGY_SPI);
        assertThat(descriptor("dev.weft").requires()).allMatch(r -> r.name().startsWith("java."),
                "requires only JDK modules");
    }

    private static ModuleDescriptor descriptor(String module) {
        Jar jar = MODULES.get(module);
        assertThat(jar).as("no jar on weft.it.runtimePath holds module %s", module).isNotNull();
        return jar.descriptor();
    }

    /** The provider classes named in a jar's (or classes folder's) services file, comments and blanks skipped. */
    private static Set<String> servicesFile(Path jarOrFolder, String service) throws IOException {
        String entryName = "META-INF/services/" + service;
        String text;
        if (Files.isDirectory(jarOrFolder)) {
            Path file = jarOrFolder.resolve(entryName);
            text = Files.isRegularFile(file) ? Files.readString(file) : "";
        } else {
            try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
                var entry = jar.getEntry(entryName);
                if (entry == null) {
                    return Set.of();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return text.lines().map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }
}
