package dev.evalgate.engine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plugin jars compiled and packed here, then opened: good ones add scorers, bad ones are refused by name. */
class PluginsTest {
    private static final String SCORER_SPI = "META-INF/services/dev.evalgate.engine.ScorerProvider";

    @TempDir
    Path tmp;

    @Test
    void aPluginAddsItsScorerTypeToTheRegistry() throws Exception {
        Path jar = pluginJar("shout", "public class ShoutProvider implements dev.evalgate.engine.ScorerProvider {"
                + " public String type() { return \"shout\"; }"
                + " public dev.evalgate.engine.Scorer create(dev.evalgate.engine.ScorerParams p,"
                + " dev.evalgate.engine.JudgeModels m) { return c -> dev.evalgate.engine.Score.of(p.spec().name(),"
                + " c.output().equals(c.output().toUpperCase()), \"shouted\", java.util.Map.of()); } }",
                "plugin.ShoutProvider");

        Plugins plugins = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test");
        ScorerRegistry registry = ScorerRegistry.of().withPlugins(plugins);

        assertThat(registry.knows("shout")).isTrue();
        Scorer scorer = registry.create(ScorerSpec.of("shout", Map.of()), JudgeModels.none());
        assertThat(scorer.score(context("HELLO")).passed()).isTrue();
        assertThat(scorer.score(context("hello")).passed()).isFalse();
        assertThat(plugins.defines(scorer.getClass())).isTrue();
        // Opened again while the first lease is open (the suite is read twice, say): the same loader, so the
        // classes are loaded once.
        Plugins again = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test");
        assertThat(again.classLoader(null)).isSameAs(plugins.classLoader(null));
        again.close();
        plugins.close();
    }

    @Test
    void theLastLeaseClosesTheLoaderAndReleasesTheJar() throws Exception {
        Path jar = pluginJar("shout", providerSource("ShoutProvider", "shout"), "plugin.ShoutProvider");
        Plugins first = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test");
        Plugins second = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test");
        ClassLoader loader = first.classLoader(null);

        first.close();
        first.close(); // a second close of the same lease does not take the other lease's share
        assertThat(loader.getResource(SCORER_SPI)).as("still held by the second lease").isNotNull();
        assertThat(Plugins.held()).contains(jar.toAbsolutePath().normalize());

        second.close();
        assertThat(second.isClosed()).isTrue();
        assertThat(loader.getResource(SCORER_SPI)).as("a closed loader reads nothing from its jar").isNull();
        assertThat(Plugins.held()).doesNotContain(jar.toAbsolutePath().normalize());
        // Opened anew, the jar gets a fresh loader that works.
        try (Plugins reopened = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test")) {
            assertThat(reopened.classLoader(null)).isNotSameAs(loader);
            assertThat(ScorerRegistry.of().withPlugins(reopened).knows("shout")).isTrue();
        }
    }

    @Test
    void aSuitesPluginsBringABackendAndAScorerToAnEvaluationThatKnewNeither() throws Exception {
        Path jar = pluginJar("shouting", "public class ShoutingBackend implements"
                + " dev.evalgate.engine.ModelClientProvider {"
                + " public String backend() { return \"shouting\"; }"
                + " public dev.evalgate.engine.ModelClient open(dev.evalgate.engine.ModelRef ref,"
                + " dev.evalgate.engine.BackendOptions o) { return new dev.evalgate.engine.ModelClient() {"
                + " public dev.evalgate.engine.ModelInfo info() {"
                + " return new dev.evalgate.engine.ModelInfo(\"shouting\", ref.name(), \"\", 0); }"
                + " public dev.evalgate.engine.Completion complete(dev.evalgate.engine.ModelRequest r) {"
                + " return new dev.evalgate.engine.Completion(r.lastUserMessage().toUpperCase(), 1, 1,"
                + " java.time.Duration.ZERO, null, null); } }; }\n"
                + providerSource("ShoutProvider", "shout").replace("public class", "public static class")
                        .replace("dev.evalgate.engine.Score.pass(\"shout\", \"\")",
                                "dev.evalgate.engine.Score.of(\"shout\", c.output().equals(c.output().toUpperCase()),"
                                + " \"shouted\", java.util.Map.of())") + " }",
                "plugin.ShoutingBackend");
        // The scorer is a nested class of the same jar; the services files list each under its own SPI.
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path plugins = Files.createDirectories(project.resolve("plugins"));
        addService(jar, plugins.resolve("shouting.jar"), "plugin.ShoutingBackend$ShoutProvider");
        Path corpus = Files.createDirectories(project.resolve("corpus"));
        Files.writeString(corpus.resolve("cases.jsonl"), "{\"id\": \"a\", \"input\": \"hello\"}\n");
        Files.writeString(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1\nsha256: "
                + dev.evalgate.datasets.ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(project.resolve("bundle.yaml"),
                "id: b\nversion: 1\nmodel: shouting:any\ntemplate: \"{{input}}\"\n");
        Path suiteFile = project.resolve("suite.yaml");
        Files.writeString(suiteFile, "bundle: bundle.yaml\ncorpora: [corpus]\nplugins: [plugins]\n"
                + "scorers:\n  - type: shout\n");

        Suite suite = new SuiteLoader(ScorerRegistry.of()).load(suiteFile);
        RunResult run = new Evaluation(ScorerRegistry.of(), ModelClients.of()).run(EvaluationRequest.of(suite,
                tmp.resolve("runs"), new BackendOptions(java.util.Optional.empty(), project, null, null)),
                RunListener.NONE);

        assertThat(suite.plugins()).containsExactly(plugins);
        // The suite read and the run are over: nothing holds the plugin jar open any more.
        assertThat(Plugins.held()).doesNotContain(plugins.resolve("shouting.jar").toAbsolutePath().normalize());
        assertThat(run.results()).singleElement().satisfies(result -> {
            assertThat(result.output()).isEqualTo("HELLO");
            assertThat(result.scores()).singleElement().satisfies(score -> assertThat(score.passed()).isTrue());
        });
    }

    @Test
    void aDirectoryLoadsEveryJarInIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = pluginJar("shout", providerSource("ShoutProvider", "shout"), "plugin.ShoutProvider");
        Files.move(jar, dir.resolve("shout.jar"));
        Files.writeString(dir.resolve("README.txt"), "not a jar, and not loaded: only *.jar files are");

        Plugins plugins = Plugins.open(List.of(dir), getClass().getClassLoader(), "a test");

        assertThat(plugins.jars()).containsExactly(dir.resolve("shout.jar").toAbsolutePath());
        assertThat(ScorerRegistry.of().withPlugins(plugins).knows("shout")).isTrue();
    }

    @Test
    void aPluginMayNotReplaceAScorerTypeAndTheMessageNamesItsJar() throws Exception {
        Path jar = pluginJar("clash", providerSource("ClashProvider", "exact"), "plugin.ClashProvider");
        ScorerRegistry builtIn = ScorerRegistry.of(new ScorerProvider() {
            @Override
            public String type() {
                return "exact";
            }

            @Override
            public Scorer create(ScorerParams params, JudgeModels models) {
                return c -> Score.pass("exact", "");
            }
        });

        Plugins plugins = Plugins.open(List.of(jar), getClass().getClassLoader(), "a test");

        assertThatThrownBy(() -> builtIn.withPlugins(plugins)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("two scorer providers claim type 'exact'")
                .hasMessageContaining(jar.getFileName().toString());
    }

    @Test
    void aMissingEntryIsNamedWithWhereItCameFrom() {
        Path missing = tmp.resolve("nope.jar");

        assertThatThrownBy(() -> Plugins.open(List.of(missing), getClass().getClassLoader(), "EVALGATE_PLUGINS"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("EVALGATE_PLUGINS");
    }

    @Test
    void aDirectoryWithoutJarsIsNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("target"));

        assertThatThrownBy(() -> Plugins.open(List.of(empty), getClass().getClassLoader(), "--plugins"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("holds no *.jar file");
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Path text = Files.writeString(tmp.resolve("scorer.jar"), "this is not a zip archive");

        assertThatThrownBy(() -> Plugins.open(List.of(text), getClass().getClassLoader(), "a test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not a jar file");
    }

    @Test
    void aServiceClassThatIsNotInTheJarIsNamedWithTheJar() throws Exception {
        Path jar = jar("ghost.jar", Map.of(SCORER_SPI, "plugin.GhostProvider\n"));

        assertThatThrownBy(() -> Plugins.open(List.of(jar), getClass().getClassLoader(), "a test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(jar.toString()).hasMessageContaining(SCORER_SPI)
                .hasMessageContaining("names plugin.GhostProvider, which cannot be loaded: class not found");
    }

    @Test
    void aServiceClassWhoseInitialisationFailsIsNamedWithTheJarAndTheCause() throws Exception {
        Path jar = pluginJar("broken", "public class BrokenProvider { static { if (true) {"
                + " throw new IllegalStateException(\"no licence key\"); } } }", "plugin.BrokenProvider");

        assertThatThrownBy(() -> Plugins.open(List.of(jar), getClass().getClassLoader(), "a test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("names plugin.BrokenProvider, which cannot be loaded")
                .hasMessageContaining("IllegalStateException: no licence key");
    }

    @Test
    void aServiceClassOfTheWrongTypeOrWithAFailingConstructorIsNamed() throws Exception {
        Path wrongType = pluginJar("wrong", "public class NotAProvider { }", "plugin.NotAProvider");
        Path failing = pluginJar("failing", "public class FailingProvider extends ShoutBase {"
                + " public FailingProvider() { throw new IllegalArgumentException(\"cannot start\"); } }"
                + "\nabstract class ShoutBase implements dev.evalgate.engine.ScorerProvider {"
                + " public String type() { return \"x\"; } public dev.evalgate.engine.Scorer create("
                + "dev.evalgate.engine.ScorerParams p, dev.evalgate.engine.JudgeModels m) { return null; } }",
                "plugin.FailingProvider");

        assertThatThrownBy(() -> Plugins.open(List.of(wrongType), getClass().getClassLoader(), "a test"))
                .hasMessageContaining("does not implement dev.evalgate.engine.ScorerProvider");
        assertThatThrownBy(() -> Plugins.open(List.of(failing), getClass().getClassLoader(), "a test"))
                .hasMessageContaining(failing.toString())
                .hasMessageContaining("its constructor failed: IllegalArgumentException: cannot start");
    }

    private static ScoringContext context(String output) {
        return ScoringContext.of(new EvalCase("c", Map.of("input", "x"), Map.of(), List.of(), Map.of()),
                ModelRequest.of("", "x", GenerationParams.DEFAULTS), output);
    }

    private static String providerSource(String className, String type) {
        return "public class " + className + " implements dev.evalgate.engine.ScorerProvider {"
                + " public String type() { return \"" + type + "\"; }"
                + " public dev.evalgate.engine.Scorer create(dev.evalgate.engine.ScorerParams p,"
                + " dev.evalgate.engine.JudgeModels m) { return c -> dev.evalgate.engine.Score.pass(\"" + type
                + "\", \"\"); } }";
    }

    /** Compiles one source file of package {@code plugin} against the engine and packs it with its services file. */
    private Path pluginJar(String name, String source, String provider) throws Exception {
        String className = provider.substring(provider.lastIndexOf('.') + 1);
        Path src = Files.createDirectories(tmp.resolve(name + "-src/plugin"));
        Files.writeString(src.resolve(className + ".java"), "package plugin;\n" + source + "\n");
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = Stream.of(ScorerProvider.class, EvalCase.class, API.class).map(PluginsTest::location)
                .collect(Collectors.joining(File.pathSeparator));
        int code = javac.run(null, null, null, "-proc:none", "-nowarn", "-cp", classPath, "-d", classes.toString(),
                src.resolve(className + ".java").toString());
        assertThat(code).as("javac").isZero();
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        entries.put(SCORER_SPI, provider + "\n");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(file).toString().replace(File.separatorChar, '/'),
                        Files.readAllBytes(file));
            }
        }
        return jar(name + ".jar", entries);
    }

    /** Copies a jar, adding a services file for {@code provider} as a scorer. */
    private static void addService(Path from, Path to, String provider) throws IOException {
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(from.toFile());
             OutputStream out = Files.newOutputStream(to); JarOutputStream zip = new JarOutputStream(out)) {
            for (JarEntry entry : java.util.Collections.list(in.entries())) {
                if (entry.getName().equals(SCORER_SPI)) {
                    continue;
                }
                zip.putNextEntry(new JarEntry(entry.getName()));
                in.getInputStream(entry).transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new JarEntry(SCORER_SPI));
            zip.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new JarEntry("META-INF/services/dev.evalgate.engine.ModelClientProvider"));
            zip.write("plugin.ShoutingBackend\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private Path jar(String name, Map<String, ?> entries) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, ?> entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue() instanceof byte[] bytes ? bytes
                        : entry.getValue().toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
