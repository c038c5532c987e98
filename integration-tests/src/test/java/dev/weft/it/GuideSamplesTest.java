package dev.weft.it;

import dev.weft.Weft;
import dev.weft.spi.TopologyProvider;
import dev.weft.topology.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every {@code ```java} block of {@code docs/GUIDE.md} compiles, every sample with a {@code main} method runs
 * to its end within {@link #RUN_LIMIT}, and every sample topology provider detects a topology in its own name.
 *
 * <p>A block is one of three kinds. A <b>unit</b> starts with {@code package} or {@code import} and is compiled
 * as it stands. A <b>module</b> declaration is compiled on the module path (the api's location) together with
 * the guide's units whose packages it names. Anything else is a <b>fragment</b>: compiled as the body of a method
 * that may throw {@code Exception}, else as the members of a class, with the imports the guide promises
 * ({@link #FRAGMENT_IMPORTS}). Compilation is in memory with the JDK's compiler ({@code javax.tools}) against this
 * JVM's class path at {@code --release 17}; a failure names the guide line of the fence, the guide line of the
 * error and the compiler's message.
 *
 * <p>Blocks that use Guice are skipped visibly (aborted, with the reason) while Guice is not on the test class
 * path.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GuideSamplesTest {

    /** How long one compilation may take. */
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(90);
    /** How long one sample's {@code main} may run. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    /** The imports the guide says fragments get. */
    static final List<String> FRAGMENT_IMPORTS =
            List.of("java.util.*", "java.util.concurrent.*", "dev.weft.*", "dev.weft.topology.*", "dev.weft.spi.*");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(\\s*(?:final\\s+)?String");

    enum Kind { UNIT, MODULE, FRAGMENT }

    /** One fenced block: the file it came from, the line of its opening fence (1-based), its code. */
    record Block(String file, int fenceLine, String code, Kind kind) {
        String where() {
            return file + " line " + fenceLine + " (```java block)";
        }

        Optional<String> packageName() {
            Matcher m = PACKAGE.matcher(code);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        String typeName() {
            Matcher m = PUBLIC_TYPE.matcher(code);
            return m.find() ? m.group(1) : "GuideSampleL" + fenceLine;
        }

        String binaryName() {
            return packageName().map(p -> p + "." + typeName()).orElse(typeName());
        }

        boolean hasMain() {
            return kind == Kind.UNIT && MAIN.matcher(code).find();
        }

        boolean isTopologyProvider() {
            return kind == Kind.UNIT && code.matches("(?s).*\\bimplements\\s+TopologyProvider\\b.*");
        }

        boolean usesGuice() {
            return code.contains("com.google.inject") || code.contains("dev.weft.guice");
        }
    }

    // ---------------------------------------------------------------- the guide

    @TestFactory
    Stream<DynamicTest> javaBlocks_compile() throws IOException {
        return eachBlock(b -> true, "", (b, classes) -> { });
    }

    @TestFactory
    Stream<DynamicTest> samplesWithMain_runToTheEnd() throws IOException {
        return eachBlock(Block::hasMain, ": main", GuideSamplesTest::runMainOrFail);
    }

    @TestFactory
    Stream<DynamicTest> providerSamples_detectATopologyInTheirOwnName() throws IOException {
        return eachBlock(Block::isTopologyProvider, ": detect()", (b, classes) -> {
            TopologyProvider provider = (TopologyProvider) loaderOf(classes).loadClass(b.binaryName())
                    .getConstructor().newInstance();

            Topology t = provider.detect();

            assertThat(provider.name()).as(b.where()).matches("[a-z0-9-]+");
            assertThat(t.provider()).as(b.where()).isEqualTo(provider.name());
            assertThat(t.defaultParallelism()).as(b.where()).isPositive();
            assertThat(provider.affinity()).as(b.where()).isNotNull();
        });
    }

    /** What to check of a block once it compiled. */
    interface Check {
        void accept(Block block, Map<String, byte[]> classes) throws Exception;
    }

    /** One test per guide block that {@code which} selects: compile it, then {@code check} it. */
    private static Stream<DynamicTest> eachBlock(Predicate<Block> which, String suffix, Check check) throws IOException {
        List<Block> blocks = guideBlocks();
        Compiler compiler = new Compiler();
        return blocks.stream().filter(which).map(b -> DynamicTest.dynamicTest(b.where() + suffix, () -> {
            skipWithoutGuice(b);
            Map<String, byte[]> classes = assertTimeoutPreemptively(COMPILE_LIMIT, () -> compiler.compileOrFail(b, blocks));
            check.accept(b, classes);
        })).onClose(compiler::close);
    }

    @Test
    void extract_guide_findsUnitsProgramsFragmentsAndAModule() throws IOException {
        List<Block> blocks = guideBlocks();

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(20);
        assertThat(blocks).filteredOn(b -> b.kind() == Kind.MODULE).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks).filteredOn(b -> b.kind() == Kind.FRAGMENT).hasSizeGreaterThanOrEqualTo(8);
        assertThat(blocks).filteredOn(Block::hasMain).hasSizeGreaterThanOrEqualTo(6);
        assertThat(blocks).filteredOn(Block::isTopologyProvider).isNotEmpty();
        assertThat(blocks).allSatisfy(b -> assertThat(b.code()).as(b.where()).isNotBlank());
    }

    // ---------------------------------------------------------------- the checker itself can fail

    @Test
    void compile_fragmentWithATypo_failsNamingTheGuideLinesAndTheCompilerMessage() {
        String md = "# Title\n\nSome text.\n\n```java\nint x = 1;\nSytem.out.println(x);\n```\n";

        assertThat(extract("typo.md", md)).extracting(Block::kind).containsExactly(Kind.FRAGMENT);
        assertCompileFails("typo.md", md, 0, "typo.md line 5 (```java block)", "typo.md line 7:", "Sytem");
    }

    @Test
    void compile_unitCallingAMissingMethod_failsNamingTheGuideLineAndTheSymbol() {
        String md = "```java\nimport dev.weft.Weft;\n\npublic class Typo {\n    public static void main(String[] args) {\n"
                + "        Weft.newPoool();\n    }\n}\n```\n";

        assertThat(extract("typo.md", md)).extracting(Block::kind).containsExactly(Kind.UNIT);
        assertCompileFails("typo.md", md, 0, "typo.md line 1 (```java block)", "typo.md line 6:", "newPoool");
    }

    @Test
    void compile_moduleProvidingAMissingClass_failsNamingTheGuideLine() {
        String md = "```java\npackage com.example.p;\n\npublic final class Real {\n}\n```\n\n```java\nmodule com.example.p {\n"
                + "    requires dev.weft;\n    provides dev.weft.spi.TopologyProvider with com.example.p.Missing;\n}\n```\n";

        assertThat(extract("module.md", md)).extracting(Block::kind).containsExactly(Kind.UNIT, Kind.MODULE);
        assertCompileFails("module.md", md, 1, "module.md line 8 (```java block)", "module.md line 11:", "Missing");
    }

    private static void assertCompileFails(String file, String markdown, int index, String... messageParts) {
        List<Block> blocks = extract(file, markdown);
        try (Compiler compiler = new Compiler()) {
            assertThatThrownBy(() -> compiler.compileOrFail(blocks.get(index), blocks))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContainingAll(messageParts);
        }
    }

    @Test
    void run_sampleWhoseMainThrows_failsNamingTheGuideLineAndTheCause() {
        String md = "text\n```java\nimport dev.weft.Weft;\n\npublic class Throws {\n    public static void main(String[] args) {\n"
                + "        throw new IllegalStateException(\"sample broke\");\n    }\n}\n```\n";
        List<Block> blocks = extract("broken.md", md);
        Map<String, byte[]> classes;
        try (Compiler compiler = new Compiler()) {
            classes = compiler.compileOrFail(blocks.get(0), blocks);
        }

        assertThatThrownBy(() -> runMainOrFail(blocks.get(0), classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken.md line 2 (```java block)")
                .hasMessageContaining("sample broke");
    }

    @Test
    void extract_unterminatedFence_failsNamingItsLine() {
        assertThatThrownBy(() -> extract("open.md", "a\n```java\nint x;\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("open.md line 2");
    }

    // ---------------------------------------------------------------- extraction

    static List<Block> guideBlocks() throws IOException {
        Path guide = repoRoot().resolve("docs").resolve("GUIDE.md");
        assertThat(guide).as("the user guide").isRegularFile();
        return extract("docs/GUIDE.md", Files.readString(guide, StandardCharsets.UTF_8));
    }

    /** The repository root: the pom's {@code weft.it.repoRoot}, else the parent of the working directory. */
    private static Path repoRoot() {
        String configured = System.getProperty("weft.it.repoRoot");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /** The {@code ```java} blocks of a Markdown text; fences of other languages are skipped whole. */
    static List<Block> extract(String file, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```")) {
                i++;
                continue;
            }
            int open = i;
            boolean java = fence.substring(3).strip().equals("java");
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].strip().equals("```")) {
                code.append(lines[i]).append('\n');
                i++;
            }
            if (i == lines.length) {
                throw new AssertionError(file + " line " + (open + 1) + ": the fence " + fence + " is never closed");
            }
            if (java) {
                blocks.add(new Block(file, open + 1, code.toString(), kindOf(code.toString())));
            }
            i++;
        }
        return blocks;
    }

    private static Kind kindOf(String code) {
        for (String line : code.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("//") || l.startsWith("/*") || l.startsWith("*")) {
                continue;
            }
            if (l.startsWith("package ") || l.startsWith("import ")) {
                return code.lines().anyMatch(x -> x.strip().matches("(open\\s+)?module\\s+[\\w.]+\\s*\\{.*"))
                        ? Kind.MODULE : Kind.UNIT;
            }
            return l.matches("(open\\s+)?module\\s+[\\w.]+\\s*\\{.*") ? Kind.MODULE : Kind.FRAGMENT;
        }
        return Kind.FRAGMENT;
    }

    private static void skipWithoutGuice(Block b) {
        if (b.usesGuice()) {
            Assumptions.assumeTrue(onClassPath("com.google.inject.Guice") && onClassPath("dev.weft.guice.WeftModule"),
                    b.where() + " uses Guice, which is not on this module's test class path: add weft-guice"
                            + " (test scope) to integration-tests/pom.xml to compile and run it");
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, GuideSamplesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- running

    /** A loader of its own for compiled classes, over this test's loader. */
    static ClassLoader loaderOf(Map<String, byte[]> classes) {
        return new ClassLoader(GuideSamplesTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** Runs the block's {@code main} in a loader of its own, with its standard output captured. */
    static void runMainOrFail(Block b, Map<String, byte[]> classes) {
        ClassLoader loader = loaderOf(classes);
        PrintStream savedOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(RUN_LIMIT, () -> {
                Method main = loader.loadClass(b.binaryName()).getMethod("main", String[].class);
                try {
                    main.invoke(null, (Object) new String[0]);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(b.where() + ": main of " + b.binaryName() + " threw " + e.getCause()
                            + "\noutput so far:\n" + captured.toString(StandardCharsets.UTF_8), e.getCause());
                }
            }, () -> b.where() + ": main of " + b.binaryName() + " did not finish within " + RUN_LIMIT);
        } finally {
            System.setOut(savedOut);
        }
    }

    // ---------------------------------------------------------------- compiling

    /**
     * Compiles blocks in memory with the JDK's compiler. Class-path compilations share one file manager, so the
     * jars are opened once; module compilations get their own (their options would stay in a shared one).
     */
    static final class Compiler implements AutoCloseable {
        private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        private StandardJavaFileManager shared;

        Compiler() {
            assertThat(javac).as("the JDK's compiler (javax.tools): run the tests on a JDK, not a JRE").isNotNull();
        }

        @Override
        public void close() {
            if (shared != null) {
                try {
                    shared.close();
                } catch (IOException e) {
                    throw new IllegalStateException("closing the compiler's file manager failed", e);
                }
                shared = null;
            }
        }

        /** The classes of the block (a module: of its module), or an AssertionError naming the guide lines. */
        Map<String, byte[]> compileOrFail(Block b, List<Block> all) {
            switch (b.kind()) {
                case UNIT -> {
                    Attempt a = compile(List.of(source(b, b.code(), 0)), classPathOptions());
                    return a.classesOrFail(b);
                }
                case MODULE -> {
                    List<Source> sources = new ArrayList<>();
                    sources.add(new Source(b, b.code(), 0, URI.create("string:///module-info.java")));
                    for (Block unit : all) {
                        Optional<String> pkg = unit.packageName();
                        if (unit.kind() == Kind.UNIT && pkg.isPresent() && b.code().matches("(?s).*\\b" + Pattern.quote(pkg.get()) + "\\b.*")) {
                            sources.add(source(unit, unit.code(), 0));
                        }
                    }
                    try (StandardJavaFileManager own = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                        List<String> options = List.of("--release", "17", "-proc:none", "--module-path", location(Weft.class));
                        return compile(own, sources, options).classesOrFail(b);
                    } catch (IOException e) {
                        throw new IllegalStateException("closing the compiler's file manager failed", e);
                    }
                }
                default -> {
                    String imports = FRAGMENT_IMPORTS.stream().map(i -> "import " + i + ";\n").collect(Collectors.joining());
                    String name = "GuideFragmentL" + b.fenceLine();
                    String head = imports + "class " + name + " {\n    static void fragment() throws Exception {\n";
                    Attempt asStatements = compile(List.of(new Source(b, head + b.code() + "    }\n}\n",
                            lineCount(head), URI.create("string:///" + name + ".java"))), classPathOptions());
                    if (asStatements.errors.isEmpty()) {
                        return asStatements.classes;
                    }
                    String memberHead = imports + "class " + name + " {\n";
                    Attempt asMembers = compile(List.of(new Source(b, memberHead + b.code() + "}\n",
                            lineCount(memberHead), URI.create("string:///" + name + ".java"))), classPathOptions());
                    if (asMembers.errors.isEmpty()) {
                        return asMembers.classes;
                    }
                    throw new AssertionError(b.where() + " does not compile as statements:\n"
                            + String.join("\n", asStatements.errors) + "\nnor as class members:\n"
                            + String.join("\n", asMembers.errors));
                }
            }
        }

        private static Source source(Block b, String code, int offset) {
            String path = b.packageName().map(p -> p.replace('.', '/') + "/").orElse("") + b.typeName() + ".java";
            return new Source(b, code, offset, URI.create("string:///" + path));
        }

        private static List<String> classPathOptions() {
            Set<String> path = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
            path.add(location(Weft.class));      // in case the class path is a launcher's manifest-only jar
            return List.of("--release", "17", "-proc:none", "-classpath", String.join(File.pathSeparator, path));
        }

        private static String location(Class<?> c) {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate " + c, e);
            }
        }

        private Attempt compile(List<Source> sources, List<String> options) {
            if (shared == null) {
                shared = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            }
            return compile(shared, sources, options);
        }

        private Attempt compile(StandardJavaFileManager std, List<Source> sources, List<String> options) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Map<String, ByteArrayOutputStream> out = new HashMap<>();
            // Not closed here: closing the forwarding manager would close the (possibly shared) delegate.
            JavaFileManager files = new MemoryOutput(std, out);
            boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> describe(d, sources))
                    .collect(Collectors.toList());
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without an error diagnostic");
            }
            Map<String, byte[]> classes = new HashMap<>();
            out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
            return new Attempt(classes, errors);
        }

        private static String describe(Diagnostic<? extends JavaFileObject> d, List<Source> sources) {
            String message = d.getMessage(Locale.ROOT);
            if (d.getSource() instanceof Source s && d.getLineNumber() > 0) {
                long guideLine = s.block.fenceLine() + (d.getLineNumber() - s.offset);
                return "  " + s.block.file() + " line " + guideLine + ": " + message;
            }
            return "  " + message;
        }

        private static int lineCount(String text) {
            return (int) text.chars().filter(c -> c == '\n').count();
        }
    }

    /** The result of one compilation. */
    private record Attempt(Map<String, byte[]> classes, List<String> errors) {
        Map<String, byte[]> classesOrFail(Block b) {
            if (!errors.isEmpty()) {
                throw new AssertionError(b.where() + " does not compile:\n" + String.join("\n", errors));
            }
            return classes;
        }
    }

    /** Source text of a block; {@code offset} lines of wrapper precede the block's first line. */
    private static final class Source extends SimpleJavaFileObject {
        final Block block;
        final String text;
        final int offset;

        Source(Block block, String text, int offset, URI uri) {
            super(uri, Kind.SOURCE);
            this.block = block;
            this.text = text;
            this.offset = offset;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps class files in memory, by binary name. */
    private static final class MemoryOutput extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ByteArrayOutputStream> out;

        MemoryOutput(JavaFileManager delegate, Map<String, ByteArrayOutputStream> out) {
            super(delegate);
            this.out = out;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                }
            };
        }
    }
}
