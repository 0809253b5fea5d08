package dev.evalgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.cli.EvalgateCommand;
import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.junit.EvalgateTestKit;
import dev.evalgate.junit.RunResultAssert;

/**
 * The shipped historical corpus is valid as {@code evalgate datasets validate} sees it, and its references are
 * consistent with the scorers the example suite configures: replaying each case's reference as the model's output
 * passes every scorer of the suite. A reference that broke its own JSON Schema, a label outside its label set or a
 * summary longer than its instruction allows fails here.
 */
class HistoricalSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CORPUS = Path.of("..", "corpora", "historical");

    @TempDir
    Path tmp;

    @Test
    void datasetsValidateAcceptsTheShippedCorpus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvalgateCommand.execute(new String[] {"datasets", "validate", CORPUS.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("historical 1.0.0, 340 cases").contains(": ok");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTaskIsThereWithWhatItsScorersRead() throws IOException {
        Corpus corpus = CorpusLoader.verifying().load(CORPUS);
        Map<String, Integer> tasks = new TreeMap<>();
        for (EvalCase c : corpus.cases()) {
            assertThat(c.tags()).as(c.id()).contains("historical");
            assertThat(c.input()).as(c.id()).containsOnlyKeys("instruction", "text");
            String task = c.tags().get(1);
            tasks.merge(task, 1, Integer::sum);
            Object reference = c.expected().get("reference");
            assertThat(reference).as(c.id()).isInstanceOf(String.class);
            switch (task) {
                case "extraction" -> {
                    assertThat(c.expected()).as(c.id()).containsKey("schema");
                    assertThat(JSON.readTree((String) reference).isObject()).as(c.id()).isTrue();
                }
                case "classification" -> assertThat((List<Object>) c.expected().get("labels")).as(c.id())
                        .contains(reference);
                case "support", "summarisation" -> assertThat((String) reference).as(c.id()).isNotBlank();
                default -> throw new AssertionError(c.id() + ": unexpected task tag " + task);
            }
        }
        assertThat(tasks).containsExactlyInAnyOrderEntriesOf(Map.of("support", 104, "extraction", 92,
                "classification", 94, "summarisation", 50));
        assertThat(corpus.cases().stream().filter(c -> c.hasTag("smoke"))).hasSize(36);
        assertThat(corpus.cases().stream().filter(c -> c.hasTag("missing-field"))).isNotEmpty()
                .allSatisfy(c -> assertThat((String) c.expected().get("reference")).contains("null"));
    }

    @Test
    void theReferencesPassEveryScorerOfTheExampleSuite() throws IOException {
        Corpus corpus = CorpusLoader.verifying().load(CORPUS);
        List<String> replay = new ArrayList<>();
        for (EvalCase c : corpus.cases()) {
            replay.add(JSON.writeValueAsString(Map.of("id", c.id(), "output", c.expected().get("reference"))));
        }
        Path project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.write(project.resolve("references.jsonl"), replay, StandardCharsets.UTF_8);
        Path example = Path.of("historical");
        Files.writeString(project.resolve("bundle.yaml"), Files.readString(example.resolve("bundle.yaml"))
                .replace("model: llamacpp:qwen2.5-0.5b-instruct", "model: replay:references.jsonl"));
        Files.writeString(project.resolve("suite.yaml"), Files.readString(example.resolve("suite.yaml"))
                .replace("../../corpora/historical", CORPUS.toAbsolutePath().normalize().toString()));

        RunResult run = EvalgateTestKit.writingRunsTo(tmp.resolve("runs")).run(project.resolve("suite.yaml"));

        List<String> failed = new ArrayList<>();
        for (CaseResult result : run.results()) {
            for (Score score : result.scores()) {
                if (!score.passed()) {
                    failed.add(result.caseId() + " " + score.name() + ": " + score.explanation());
                }
            }
        }
        assertThat(failed).isEmpty();
        RunResultAssert.assertThat(run).hasResults(340).hasNoErroredCases()
                .scorer("schema").hasPassRateAtLeast(1.0).and()
                .scorer("numbers").hasPassRateAtLeast(1.0).and()
                .scorer("label").hasPassRateAtLeast(1.0).and()
                .scorer("answer").hasPassRateAtLeast(1.0).and()
                .scorer("summary-length").hasPassRateAtLeast(1.0);
    }
}
