package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code model: java:CLASS} from the command line: the system under test is compiled here into a jar that is not on
 * the class path, and {@code --plugins} puts it there for the run.
 */
class JavaSystemPluginTest {
    @TempDir
    Path tmp;

    @Test
    void aSystemUnderTestInAPluginJarServesTheSuite() throws Exception {
        Path plugins = echoSystemPlugins();

        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.bundle, "id: tiny\nversion: 1\nmodel: java:com.acme.EchoSystem\n"
                + "template: \"{{question}}\"\n");
        CliFixture.Outcome without = CliFixture.runCli("run", project.suite.toString(), "--no-cache", "--history",
                "off", "--quiet");
        assertThat(without.code()).as(without.err()).isEqualTo(2);
        assertThat(without.err()).contains("no class com.acme.EchoSystem").contains("bundle.yaml");

        CliFixture.Outcome run = CliFixture.runCli("run", project.suite.toString(), "--plugins", plugins.toString(),
                "--no-cache", "--history", "off", "--quiet");
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        Path dir = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
        List<String> outputs = Files.readAllLines(dir.resolve("results.jsonl")).stream()
                .map(line -> {
                    try {
                        return new ObjectMapper().readTree(line).path("output").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertThat(outputs).containsExactlyInAnyOrder("{\"echo\": \"12\"}", "{\"echo\": \"18\"}", "{\"echo\": \"6\"}");
    }

    @Test
    void aSuitesPluginsEntryBringsTheSystemUnderTestWithoutAnyFlag() throws Exception {
        Path plugins = echoSystemPlugins();
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.bundle, "id: tiny\nversion: 1\nmodel: java:com.acme.EchoSystem\n"
                + "template: \"{{question}}\"\n");
        CliFixture.write(project.suite, Files.readString(project.suite)
                + "plugins: [" + project.root.relativize(plugins.resolve("acme.jar")) + "]\n");

        // With the inference cache on, as by default: the cache wraps every backend, and the java: backend must still
        // see the suite's plugin jars through it.
        CliFixture.Outcome run = CliFixture.runCli("run", project.suite.toString(), "--cache-dir",
                tmp.resolve("cache").toString(), "--history", "off", "--quiet");
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        Path dir = HostileEnvironmentTest.onlyRun(project.root.resolve("runs"));
        assertThat(Files.readString(dir.resolve("results.jsonl"))).contains("{\\\"echo\\\": \\\"12\\\"}");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("com.acme.EchoSystem@sha256:");
    }

    /** EchoSystem compiled here into plugins/acme.jar, a jar that is not on the class path. */
    private Path echoSystemPlugins() throws Exception {
        Path sources = tmp.resolve("src/com/acme");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("EchoSystem.java"), String.join("\n",
                "package com.acme;",
                "public final class EchoSystem implements dev.evalgate.engine.SystemUnderTest {",
                "    public String respond(dev.evalgate.engine.SutRequest request) {",
                "        return \"{\\\"echo\\\": \\\"\" + request.prompt().length() + \"\\\"}\";",
                "    }",
                "}", ""));
        Path classes = tmp.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), sources.resolve("EchoSystem.java").toString());
        assertThat(compiled).isZero();
        Path plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("acme.jar")))) {
            jar.putNextEntry(new JarEntry("com/acme/EchoSystem.class"));
            Files.copy(classes.resolve("com/acme/EchoSystem.class"), (OutputStream) jar);
            jar.closeEntry();
        }

        return plugins;
    }
}
