package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;

/** Suites whose system under test is Java code in the test's own process: by class name, or given to the test kit. */
class JavaSystemUnderTestTest {
    @TempDir
    Path tmp;

    Path suite;

    @BeforeEach
    void writeProject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"refund\", \"input\": \"How do refunds work?\"}",
                "{\"id\": \"hours\", \"input\": \"When are you open?\"}",
                "{\"id\": \"quote\", \"input\": \"Say \\\"hi\\\"\"}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: support\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        writeBundle("java:dev.evalgate.junit.SupportSystem");
        suite = tmp.resolve("support.suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: valid-json\n"
                + "output: runs\n");
    }

    private void writeBundle(String model) throws IOException {
        Files.writeString(tmp.resolve("bundle.yaml"), String.join("\n",
                "id: support",
                "version: 1",
                "model: " + model,
                "system: Reply with JSON.",
                "template: \"{{input}}\"",
                "repair: {max_retries: 1}",
                "output_schema: {type: object, required: [answer]}", ""));
    }

    @Test
    void aClassNamedInTheBundleIsTheSystemUnderTestAndTheRepairLoopWorksOnIt() {
        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite);

        Map<String, CaseResult> byId = run.results().stream().collect(Collectors.toMap(CaseResult::caseId, r -> r));
        assertThat(byId.get("hours").output()).startsWith("{\"answer\": \"18 characters\", \"trace\": \"")
                .contains(byId.get("hours").traceId());
        assertThat(byId.get("quote").output()).contains("\"answer\": \"8 characters\"");
        assertThat(byId.get("refund").repairAttempts()).isEqualTo(1);
        assertThat(byId.get("refund").fallbackUsed()).isFalse();
        RunResultAssert.assertThat(run).hasResults(3).hasNoErroredCases().scorer("valid-json").hasPassRateAtLeast(1.0);
        assertThat(run.spec().model().backend()).isEqualTo("java");
        assertThat(run.spec().model().fingerprint()).startsWith("dev.evalgate.junit.SupportSystem@sha256:")
                .endsWith("+support-rules-3");
    }

    @Test
    void theJUnitEngineRunsTheSameSuiteAsTests() {
        EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile())).execute()
                // the 3 cases pass; of the gate's 3 rules, the 2 that need a baseline are aborted as not checked
                .testEvents().assertStatistics(stats -> stats.started(6).succeeded(4).aborted(2).failed(0));
    }

    @Test
    void anInstanceGivenToTheTestKitServesTheNameTheBundleUses() throws IOException {
        writeBundle("java:support-lambda");
        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("kit"))
                .withSystemUnderTest("support-lambda", request -> "{\"answer\": \"" + request.system() + "\"}")
                .run(suite);

        assertThat(run.results()).extracting(CaseResult::output).containsOnly("{\"answer\": \"Reply with JSON.\"}");
        assertThat(run.spec().model().model()).isEqualTo("support-lambda");
    }

    @Test
    void aClassThatCannotServeIsAnInputErrorNamingIt() throws IOException {
        writeBundle("java:dev.evalgate.junit.NoSuchSystem");
        assertThatThrownBy(() -> EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bundle.yaml")
                .hasMessageContaining("no class dev.evalgate.junit.NoSuchSystem");
        writeBundle("java:java.lang.String");
        assertThatThrownBy(() -> EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite))
                .hasMessageContaining("does not implement dev.evalgate.engine.SystemUnderTest");
    }

    @Test
    void aSuitesPluginsEntryBringsASystemUnderTestToTheTestKit() throws Exception {
        buildPluginJar();
        writeBundle("java:com.acme.PluginSystem");
        assertThatThrownBy(() -> EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite))
                .as("the class is on no class path").hasMessageContaining("no class com.acme.PluginSystem");
        Files.writeString(suite, Files.readString(suite) + "plugins: [plugins/acme-system.jar]\n");

        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("kit")).run(suite);
        assertThat(run.results()).extracting(CaseResult::output).containsExactlyInAnyOrder(
                "{\"answer\": \"from the plugin: 20\"}", "{\"answer\": \"from the plugin: 18\"}",
                "{\"answer\": \"from the plugin: 8\"}");
        assertThat(run.spec().model().fingerprint()).startsWith("com.acme.PluginSystem@sha256:");
    }

    @Test
    void aSuitesPluginsEntryBringsASystemUnderTestToTheJUnitEngine() throws Exception {
        buildPluginJar();
        writeBundle("java:com.acme.PluginSystem");
        Files.writeString(suite, Files.readString(suite) + "plugins: [plugins/acme-system.jar]\n");

        EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID).selectors(selectFile(suite.toFile()))
                .configurationParameter(EvalgateEngineConfig.RUNS_DIRECTORY, tmp.resolve("engine-runs").toString())
                .configurationParameter(EvalgateEngineConfig.CACHE_DIRECTORY, tmp.resolve("cache").toString())
                .execute()
                // the 3 cases pass; of the gate's 3 rules, the 2 that need a baseline are aborted as not checked
                .testEvents().assertStatistics(stats -> stats.started(6).succeeded(4).aborted(2).failed(0));
    }

    private void buildPluginJar() throws Exception {
        Path sources = tmp.resolve("src/com/acme");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("PluginSystem.java"), String.join("\n",
                "package com.acme;",
                "public final class PluginSystem implements dev.evalgate.engine.SystemUnderTest {",
                "    public String respond(dev.evalgate.engine.SutRequest request) {",
                "        return \"{\\\"answer\\\": \\\"from the plugin: \" + request.prompt().length() + \"\\\"}\";",
                "    }",
                "}", ""));
        Path classes = tmp.resolve("classes");
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), sources.resolve("PluginSystem.java").toString());
        assertThat(compiled).isZero();
        Path jarFile = tmp.resolve("plugins/acme-system.jar");
        Files.createDirectories(jarFile.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile))) {
            jar.putNextEntry(new JarEntry("com/acme/PluginSystem.class"));
            Files.copy(classes.resolve("com/acme/PluginSystem.class"), jar);
            jar.closeEntry();
        }
    }
}
