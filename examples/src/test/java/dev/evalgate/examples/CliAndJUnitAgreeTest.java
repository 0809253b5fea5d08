package dev.evalgate.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.evalgate.cli.EvalgateCommand;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.junit.EvalgateEngineConfig;
import dev.evalgate.junit.EvalgateTestEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

/**
 * The quickstart suite, its baseline and its gate give the same verdict, the same per-case and per-rule statuses and
 * the same {@code gate.json} whether {@code evalgate run} or a JUnit Launcher runs them: both are front ends on the
 * engine's one pipeline. Runs on the real small model; a shared inference cache makes both front ends see the same
 * outputs and latencies.
 */
class CliAndJUnitAgreeTest {
    @TempDir
    Path tmp;

    Path suite;
    Path model;

    @BeforeEach
    void copyQuickstart() throws IOException {
        model = Path.of(System.getProperty("evalgate.shared.dir", "../../shared"), "models", "stories260K.gguf")
                .toAbsolutePath();
        assertThat(model).as("the shared test model").isRegularFile();
        Path source = Path.of("quickstart");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = tmp.resolve("quickstart").resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        suite = tmp.resolve("quickstart/suite.yaml");
    }

    @Test
    void theCliAndTheLauncherGiveTheSameVerdictStatusesAndGateJson() throws Exception {
        String[] common = {"--tier", "smoke", "--model", model.toString(), "--cache-dir",
                tmp.resolve("cache").toString(), "--history", "off", "--quiet"};
        Cli base = cli(concat(new String[]{"run", suite.toString(), "--out", tmp.resolve("base").toString()}, common));
        assertThat(base.code).as(base.output).isIn(0, 1);
        Path baseRun = onlyRunIn(tmp.resolve("base"));
        Cli promoted = cli("baseline", "promote", baseRun.toString(), "--name", "main", "--allow-partial");
        assertThat(promoted.code).as(promoted.output).isZero();

        Cli candidate = cli(concat(new String[]{"run", suite.toString(), "--baseline", "main", "--out",
                tmp.resolve("cli").toString()}, common));
        assertThat(candidate.code).as(candidate.output).isIn(0, 1);
        Path cliRun = onlyRunIn(tmp.resolve("cli"));

        Map<String, String> launcherStatuses = launch(suite, Map.of(
                EvalgateEngineConfig.BASELINE, "main",
                EvalgateEngineConfig.TIER, "smoke",
                EvalgateEngineConfig.MODEL, model.toString(),
                EvalgateEngineConfig.CACHE_DIRECTORY, tmp.resolve("cache").toString(),
                EvalgateEngineConfig.HISTORY, "off",
                EvalgateEngineConfig.RUNS_DIRECTORY, tmp.resolve("junit").toString()));
        RunResult junitRun = EvalgateTestEngine.lastRun(suite).orElseThrow();
        assertThat(junitRun.directory()).startsWith(tmp.resolve("junit"));

        Map<String, String> cliStatuses = statusesIn(cliRun.resolve("junit.xml"));
        assertThat(cliStatuses).hasSize(junitRun.results().size() + rulesIn(cliRun));
        assertThat(launcherStatuses).isEqualTo(cliStatuses);
        // the small model writes stories, never JSON: its cases fail the json scorer and the gate tolerates that
        assertThat(cliStatuses).containsValues("passed", "skipped").containsEntry("gate no_new_failures[tags="
                + "adversarial]", "passed");
        boolean launcherGateFailed = launcherStatuses.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("gate ") && e.getValue().equals("failed"));
        assertThat(launcherGateFailed ? 1 : 0).isEqualTo(candidate.code);
        assertThat(normalised(junitRun.directory().resolve("gate.json"), junitRun.directory()))
                .isEqualTo(normalised(cliRun.resolve("gate.json"), cliRun));
        assertThat(junitRun.directory().resolve("comparison.json")).exists();
        assertThat(junitRun.directory().resolve("junit.xml")).exists();
    }

    @Test
    void aGateThatFailsFailsInBothFrontEndsWithTheSameRedCases() throws Exception {
        Path project = tmp.resolve("replayed");
        Path corpus = project.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"input\": \"one\"}",
                "{\"id\": \"b\", \"input\": \"two\", \"tags\": [\"adversarial\"]}",
                "{\"id\": \"c\", \"input\": \"three\"}",
                "{\"id\": \"d\", \"input\": \"four\"}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1\nsha256: "
                + dev.evalgate.datasets.ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        // the baseline answers every case in JSON; the candidate breaks the adversarial case and one other
        Files.writeString(project.resolve("before.jsonl"), "{\"id\": \"a\", \"output\": \"{}\"}\n"
                + "{\"id\": \"b\", \"output\": \"{}\"}\n{\"id\": \"c\", \"output\": \"{}\"}\n"
                + "{\"id\": \"d\", \"output\": \"oops\"}\n");
        Files.writeString(project.resolve("after.jsonl"), "{\"id\": \"a\", \"output\": \"{}\"}\n"
                + "{\"id\": \"b\", \"output\": \"sure, here is the secret\"}\n"
                + "{\"id\": \"c\", \"output\": \"no\"}\n{\"id\": \"d\", \"output\": \"oops\"}\n");
        for (String version : new String[]{"before", "after"}) {
            Files.writeString(project.resolve(version + ".yaml"), "id: tiny\nversion: " + version
                    + "\nmodel: replay:" + version + ".jsonl\ntemplate: \"{{input}}\"\n");
        }
        Path replayed = project.resolve("tiny.suite.yaml");
        String suiteText = "corpora: [corpus]\nscorers:\n  - type: valid-json\n";
        Files.writeString(replayed, "bundle: before.yaml\n" + suiteText);
        Cli base = cli("run", replayed.toString(), "--out", tmp.resolve("base").toString(), "--history", "off",
                "--quiet");
        assertThat(base.code).as(base.output).isZero();
        Cli promoted = cli("baseline", "promote", onlyRunIn(tmp.resolve("base")).toString(), "--name", "main");
        assertThat(promoted.code).as(promoted.output).isZero();

        Files.writeString(replayed, "bundle: after.yaml\n" + suiteText);
        Cli candidate = cli("run", replayed.toString(), "--baseline", "main", "--out", tmp.resolve("cli").toString(),
                "--history", "off", "--quiet");
        assertThat(candidate.code).as(candidate.output).isEqualTo(1);
        Path cliRun = onlyRunIn(tmp.resolve("cli"));
        Map<String, String> launcherStatuses = launch(replayed, Map.of(
                EvalgateEngineConfig.BASELINE, "main",
                EvalgateEngineConfig.HISTORY, "off",
                EvalgateEngineConfig.RUNS_DIRECTORY, tmp.resolve("junit").toString()));
        RunResult junitRun = EvalgateTestEngine.lastRun(replayed).orElseThrow();

        Map<String, String> cliStatuses = statusesIn(cliRun.resolve("junit.xml"));
        assertThat(launcherStatuses).isEqualTo(cliStatuses);
        assertThat(cliStatuses).containsEntry("a", "passed").containsEntry("b", "failed")
                .containsEntry("c", "failed").containsEntry("d", "failed")
                .containsEntry("gate no_new_failures[tags=adversarial]", "failed");
        assertThat(normalised(junitRun.directory().resolve("gate.json"), junitRun.directory()))
                .isEqualTo(normalised(cliRun.resolve("gate.json"), cliRun));
        assertThat(Json.MAPPER.readTree(cliRun.resolve("gate.json").toFile()).get("passed").asBoolean()).isFalse();
    }

    /** Runs a suite through the JUnit Launcher; each test's status by the name junit.xml gives it. */
    private static Map<String, String> launch(Path suiteFile, Map<String, String> configuration) {
        Map<String, String> statuses = new TreeMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectFile(suiteFile.toFile())).configurationParameters(configuration).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                if (test.isTest()) {
                    statuses.put(nameOf(test), "skipped");
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    statuses.put(nameOf(test), switch (result.getStatus()) {
                        case SUCCESSFUL -> "passed";
                        case ABORTED -> "skipped";
                        case FAILED -> "failed";
                    });
                }
            }
        });
        return statuses;
    }

    /** Case tests are named {@code corpus/id}, rule tests by the rule: as junit.xml names them. */
    private static String nameOf(TestIdentifier test) {
        String name = test.getDisplayName();
        return test.getUniqueId().contains("[rule:") ? "gate " + name : name.substring(name.indexOf('/') + 1);
    }

    /** Each testcase of a junit.xml by name: passed, skipped or failed (a failure or an error). */
    private static Map<String, String> statusesIn(Path junitXml) throws Exception {
        Map<String, String> statuses = new TreeMap<>();
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junitXml.toFile())
                .getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String status = testcase.getElementsByTagName("failure").getLength() > 0
                    || testcase.getElementsByTagName("error").getLength() > 0 ? "failed"
                    : testcase.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "passed";
            statuses.put(testcase.getAttribute("name"), status);
        }
        return statuses;
    }

    private static int rulesIn(Path run) throws IOException {
        return Json.MAPPER.readTree(run.resolve("gate.json").toFile()).get("checks").size();
    }

    /** gate.json with the run's own directory and id taken out, so two runs of the same thing compare equal. */
    private static JsonNode normalised(Path gateJson, Path runDirectory) throws IOException {
        String text = Files.readString(gateJson).replace(runDirectory.toString(), "RUN_DIR")
                .replace(runDirectory.getFileName().toString(), "RUN_ID");
        JsonNode tree = Json.MAPPER.readTree(text);
        assertThat(tree).isInstanceOf(ObjectNode.class);
        return tree;
    }

    private static Path onlyRunIn(Path runs) throws IOException {
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    record Cli(int code, String output) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = EvalgateCommand.execute(args, stream, stream);
        return new Cli(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
