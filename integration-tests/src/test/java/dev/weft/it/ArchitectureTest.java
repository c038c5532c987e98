package dev.weft.it;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of DESIGN.md ("Dependency rules" 1-6), checked on the classes of the Weft jars on the
 * test class path (this module's own classes are left out).
 *
 * <p>Package patterns are exact roots: {@code resideInAPackage("dev.weft")} is the api's top package only, and
 * {@code "dev.weft.core.."} is that package and its subpackages. A pattern such as {@code "..api.."} would match
 * any package with an {@code api} segment. Rules that would pass on no classes fail instead (ArchUnit's
 * {@code archRule.failOnEmptyShould}), and {@link #everyModule_isImported} makes sure every jar was seen.
 */
@AnalyzeClasses(packages = "dev.weft", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** "The JDK": {@code java.*}, {@code javax.*} and {@code jdk.*}. */
    private static final String[] JDK = {"java..", "javax..", "jdk.."};
    /** The api module {@code dev.weft}: its top package and two subpackages, exactly. */
    private static final String[] API = {"dev.weft", "dev.weft.topology", "dev.weft.spi"};

    private static final String CORE = "dev.weft.core..";
    private static final String LINUX = "dev.weft.numa.linux..";
    private static final String FALLBACK = "dev.weft.numa.fallback..";
    private static final String KERNELS = "dev.weft.kernels..";
    private static final String CLI = "dev.weft.cli..";

    /** Module name to the package patterns it owns, for slicing and for the import check. */
    private static final Map<String, String[]> MODULES = modules();

    /** Rule 1: the api uses only the JDK. */
    @ArchTest
    static final ArchRule api_usesOnlyTheJdk = classes().that().resideInAnyPackage(API)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK))
            .because("rule 1: dev.weft and its subpackages use only the JDK");

    /** Rule 2: the core uses only the api and the JDK. */
    @ArchTest
    static final ArchRule core_usesOnlyTheApiAndTheJdk = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK, CORE))
            .because("rule 2: the core uses only the api and the JDK: no JNA, no provider classes, no kernels");

    /** Rule 3, Linux provider: the api, JNA and the JDK. */
    @ArchTest
    static final ArchRule linuxProvider_usesOnlyTheApiJnaAndTheJdk = classes().that().resideInAPackage(LINUX)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK, LINUX, "com.sun.jna.."))
            .because("rule 3: numa-linux uses the api, com.sun.jna and the JDK");

    /** Rule 3, fallback provider: the api and the JDK. */
    @ArchTest
    static final ArchRule fallbackProvider_usesOnlyTheApiAndTheJdk = classes().that().resideInAPackage(FALLBACK)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK, FALLBACK))
            .because("rule 3: numa-fallback uses the api and the JDK");

    /** Rule 3: JNA stays inside numa-linux. */
    @ArchTest
    static final ArchRule jna_isUsedOnlyByTheLinuxProvider = noClasses().that().resideOutsideOfPackage(LINUX)
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("rule 3: only numa-linux imports com.sun.jna");

    /** Rule 4: kernels run on any pool, so they use only the api and the JDK. */
    @ArchTest
    static final ArchRule kernels_useOnlyTheApiAndTheJdk = classes().that().resideInAPackage(KERNELS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK, KERNELS))
            .because("rule 4: kernels are written against WeftPool/ExecutorService, never against the core");

    /** The module table: the CLI depends on the api, kernels and picocli. */
    @ArchTest
    static final ArchRule cli_usesOnlyTheApiKernelsPicocliAndTheJdk = classes().that().resideInAPackage(CLI)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(API, JDK, KERNELS, CLI, "picocli.."))
            .because("DESIGN.md's module table: cli depends on api, kernels and picocli");

    /** Rule 5: the core is reached through ServiceLoader only. */
    @ArchTest
    static final ArchRule core_isNamedOnlyByItself = namedOnlyByItself(CORE);

    /** Rule 5: the Linux provider is reached through ServiceLoader only. */
    @ArchTest
    static final ArchRule linuxProvider_isNamedOnlyByItself = namedOnlyByItself(LINUX);

    /** Rule 5: the fallback provider is reached through ServiceLoader only. */
    @ArchTest
    static final ArchRule fallbackProvider_isNamedOnlyByItself = namedOnlyByItself(FALLBACK);

    /** Rule 6: no cycles between modules. */
    @ArchTest
    static final ArchRule modules_areFreeOfCycles = slices().assignedFrom(new ModuleSlices())
            .should().beFreeOfCycles()
            .because("rule 6: no cycles between modules");

    /** Rule 6: no package cycles inside a module, except dev.weft and dev.weft.spi, which form one API. */
    @ArchTest
    static final ArchRule packages_areFreeOfCyclesExceptApiAndSpi = slices().assignedFrom(new PackageSlices())
            .should().beFreeOfCycles()
            .because("rule 6: no package cycles, except that dev.weft and dev.weft.spi may use each other");

    /** Every imported class belongs to a module in the table, so no package escapes the rules above. */
    @ArchTest
    static final ArchRule everyClass_belongsToAKnownModule = classes()
            .should().resideInAnyPackage(MODULES.values().stream().flatMap(Arrays::stream).toArray(String[]::new))
            .because("a new module must be added to the dependency rules");

    /** The rules are only as good as the import: every module's jar must have been read. */
    @ArchTest
    static void everyModule_isImported(JavaClasses classes) {
        Set<String> seen = classes.stream().map(c -> moduleOf(c.getPackageName()).orElse("?"))
                .collect(Collectors.toSet());
        assertThat(seen).as("modules with classes imported from the test class path")
                .containsAll(MODULES.keySet());
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .as("this module's own classes are not subject to the rules").noneMatch(p -> p.startsWith("dev.weft.it"));
    }

    private static ArchRule namedOnlyByItself(String root) {
        return noClasses().that().resideOutsideOfPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root)
                .because("rule 5: providers and the core are reached through ServiceLoader only");
    }

    /** The package patterns of {@code a}, {@code b} and {@code more} together. */
    private static String[] with(String[] a, String[] b, String... more) {
        return Stream.of(a, b, more).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static Map<String, String[]> modules() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("dev.weft", API);
        m.put("dev.weft.core", new String[]{CORE});
        m.put("dev.weft.numa.linux", new String[]{LINUX});
        m.put("dev.weft.numa.fallback", new String[]{FALLBACK});
        m.put("dev.weft.kernels", new String[]{KERNELS});
        m.put("dev.weft.cli", new String[]{CLI});
        return m;
    }

    /** The module a package belongs to, by its root. */
    static Optional<String> moduleOf(String pkg) {
        if (Arrays.asList(API).contains(pkg)) {
            return Optional.of("dev.weft");
        }
        return MODULES.keySet().stream().filter(m -> !m.equals("dev.weft"))
                .filter(m -> pkg.equals(m) || pkg.startsWith(m + ".")).findFirst();
    }

    /** One slice per Weft module; classes outside every module are left to {@link #everyClass_belongsToAKnownModule}. */
    static final class ModuleSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return moduleOf(c.getPackageName()).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
        }

        @Override
        public String getDescription() {
            return "Weft modules";
        }
    }

    /** One slice per package, except that dev.weft.spi shares dev.weft's slice. */
    static final class PackageSlices implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (!moduleOf(pkg).isPresent()) {
                return SliceIdentifier.ignore();
            }
            boolean api = pkg.equals("dev.weft") || pkg.equals("dev.weft.spi");
            return SliceIdentifier.of(api ? "dev.weft + dev.weft.spi" : pkg);
        }

        @Override
        public String getDescription() {
            return "Weft packages";
        }
    }
}
