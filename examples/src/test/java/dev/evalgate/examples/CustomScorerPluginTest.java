package dev.evalgate.examples;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example custom scorer ({@code examples/custom-scorer}, built by the reactor) loaded by the command line from
 * its plugin jar, in a child JVM whose class path is evalgate's alone: through {@code --plugins},
 * {@code EVALGATE_PLUGINS} and a suite's {@code plugins:}.
 */
class CustomScorerPluginTest {
    private static final String PROVIDER = "com.example.housestyle.HouseStyleScorerProvider";
    private static final Path EXAMPLE_SUITE = Path.of("custom-scorer", "suite").toAbsolutePath();

    @TempDir
    static Path shared;

    static Path pluginJar;
    static String evalgateClassPath;

    @BeforeAll
    static void locatePluginAndEvalgate() throws Exception {
        Path built = Path.of(Class.forName(PROVIDER).getProtectionDomain().getCodeSource().getLocation().toURI());
        // Under 'mvn verify' the reactor hands over the packaged jar; under 'mvn test' its classes directory, which
        // is packed the same way so the test still loads a jar.
        pluginJar = Files.isDirectory(built) ? jarOf(built, shared.resolve("house-style-scorer.jar")) : built;
        evalgateClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().equals(built.toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void theScorerIsListedOnlyWithItsPlugin() throws Exception {
        Result without = evalgate(Map.of(), "scorers");
        Result with = evalgate(Map.of(), "scorers", "--plugins", pluginJar.getParent().toString());

        assertThat(without.code()).isZero();
        assertThat(without.output()).contains("valid-json").doesNotContain("house-style");
        assertThat(with.code()).as(with.output()).isZero();
        assertThat(with.output()).contains("house-style").contains("spells the product name exactly");
    }

    @Test
    void runUsesTheScorerFromThePluginsFlag(@TempDir Path tmp) throws Exception {
        Result run = evalgate(Map.of(), "run", EXAMPLE_SUITE.resolve("suite.yaml").toString(), "--plugins",
                pluginJar.toString(), "--out", tmp.toString(), "--no-cache", "--history", "off", "--quiet");

        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertScoredByThePlugin(tmp);
    }

    @Test
    void runUsesTheScorerFromTheEnvironment(@TempDir Path tmp) throws Exception {
        Result run = evalgate(Map.of("EVALGATE_PLUGINS", pluginJar.toString()), "run",
                EXAMPLE_SUITE.resolve("suite.yaml").toString(), "--out", tmp.toString(), "--no-cache",
                "--history", "off", "--quiet");

        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertScoredByThePlugin(tmp);
    }

    @Test
    void aSuiteNamesItsPluginRelativeToItself(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        copyTree(EXAMPLE_SUITE, project);
        Files.createDirectories(project.resolve("plugins"));
        Files.copy(pluginJar, project.resolve("plugins/house-style.jar"));
        Path suite = project.resolve("suite.yaml");
        Files.writeString(suite, Files.readString(suite).replace("output: ../../../runs", "plugins: [plugins]"));

        Result run = evalgate(Map.of(), "run", suite.toString(), "--out", tmp.resolve("runs").toString(),
                "--no-cache", "--history", "off", "--quiet");

        assertThat(run.code()).as(run.output()).isEqualTo(1);
        assertScoredByThePlugin(tmp.resolve("runs"));
    }

    @Test
    void withoutThePluginTheSuiteIsRefusedAtTheScorersLine(@TempDir Path tmp) throws Exception {
        Result run = evalgate(Map.of(), "run", EXAMPLE_SUITE.resolve("suite.yaml").toString(), "--out",
                tmp.toString(), "--no-cache", "--history", "off", "--quiet");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.output()).contains("suite.yaml").contains("unknown scorer 'house-style'");
    }

    private static void assertScoredByThePlugin(Path runs) throws IOException {
        Path results;
        try (Stream<Path> dirs = Files.list(runs)) {
            results = dirs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("results.jsonl");
        }
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(3);
        String invoice = lines.stream().filter(l -> l.contains("\"caseId\":\"invoice\"")).findFirst().orElseThrow();
        assertThat(invoice).contains("\"name\":\"style\"").contains("\"passed\":false")
                .contains("banned terms 'utilize' (use 'use')");
        assertThat(lines.stream().filter(l -> l.contains("\"passed\":true")).count()).isEqualTo(2);
        // The gate (min_pass_rate of style 1.0) failed on the plugin's scores.
        assertThat(Files.readString(results.resolveSibling("gate.json"))).contains("min_pass_rate")
                .contains("\"passed\" : false");
    }

    private record Result(int code, String output) {
    }

    private static Result evalgate(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", evalgateClassPath, "dev.evalgate.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("EVALGATE_PLUGINS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
