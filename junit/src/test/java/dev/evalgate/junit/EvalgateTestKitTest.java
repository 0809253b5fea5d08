package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.pipeline.CaseStatus;
import dev.evalgate.engine.pipeline.PipelineResult;

/** The test kit runs the whole pipeline on a team's own Java system under test, scorers and baseline. */
class EvalgateTestKitTest {
    @TempDir
    Path tmp;

    Path suite;

    /** A team's in-process system under test: answers in upper case, and loses the word "refund". */
    final List<String> prompts = new CopyOnWriteArrayList<>();
    final ModelClient shouter = new ModelClient() {
        @Override
        public ModelInfo info() {
            return new ModelInfo("inproc", "shouter", "shouter-1", 0);
        }

        @Override
        public Completion complete(ModelRequest request) {
            prompts.add(request.lastUserMessage());
            String answer = request.lastUserMessage().toUpperCase(java.util.Locale.ROOT).replace("REFUND", "");
            return new Completion(answer, 3, 3, Duration.ofMillis(2), Duration.ofMillis(1), "stop");
        }
    };

    @BeforeEach
    void writeProject() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"hello\", \"input\": \"say hello\", \"tags\": [\"shop\"]}",
                "{\"id\": \"refund\", \"input\": \"ask for a refund\", \"tags\": [\"shop\"]}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: shop\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("bundle.yaml"),
                "id: shouter\nversion: 1\nmodel: inproc:shouter\ntemplate: \"{{input}}\"\n");
        suite = tmp.resolve("shop.suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: keeps-words\n"
                + "gate:\n  min_pass_rate:\n    - {min: 1.0}\n");
    }

    EvalgateTestKit kit(String runs) {
        return EvalgateTestKit.writingRunsTo(tmp.resolve(runs)).withModelClient("inproc", shouter)
                .withScorer("keeps-words", ctx -> {
                    String asked = ctx.request().lastUserMessage().toUpperCase(java.util.Locale.ROOT);
                    boolean kept = ctx.output().equals(asked);
                    return kept ? Score.pass("keeps-words", "every word kept")
                            : Score.fail("keeps-words", "words lost: '" + asked + "' became '" + ctx.output() + "'");
                });
    }

    @Test
    void anInProcessSystemUnderTestAndAnInjectedScorerGetTheGatesVerdict() {
        PipelineResult result = kit("runs").evaluate(suite);

        assertThat(prompts).containsExactlyInAnyOrder("say hello", "ask for a refund");
        assertThat(result.passed()).isFalse();
        assertThat(result.verdict().orElseThrow().violations()).singleElement()
                .satisfies(v -> assertThat(v.caseIds()).containsExactly("shop/refund"));
        assertThat(result.caseStatuses()).containsEntry("shop/hello", CaseStatus.PASSED)
                .containsEntry("shop/refund", CaseStatus.FAILED);
        assertThat(result.file("gate.json")).isPresent().get().satisfies(f -> assertThat(f).exists());
        assertThat(result.exitCode().code()).isEqualTo(1);
    }

    @Test
    void aBaselineRunIsComparedWithAndTheRulesThatNeedItAreChecked() throws IOException {
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: keeps-words\n"
                + "gate:\n  no_new_failures: [shop]\n");
        PipelineResult baseline = kit("base").evaluate(suite);
        PipelineResult result = kit("runs").withBaseline(baseline.run()).evaluate(suite);

        assertThat(result.baseline()).contains(baseline.run());
        assertThat(result.comparison()).isPresent();
        assertThat(result.file("comparison.json")).isPresent();
        // the refund case failed in the baseline too: not a new failure, so the gate passes and tolerates it
        assertThat(result.passed()).isTrue();
        assertThat(result.caseStatuses()).containsEntry("shop/refund", CaseStatus.TOLERATED);
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        EvalgateTestKit kit = EvalgateTestKit.writingRunsTo(tmp);
        assertThatThrownBy(() -> kit.withRepeats(0)).hasMessageContaining("repeats must be between 1 and");
        assertThatThrownBy(() -> kit.withModel(tmp.resolve("nope.gguf"))).hasMessageContaining("nope.gguf")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> kit.withModelClient(" ", shouter)).hasMessageContaining("backend name");
        assertThatThrownBy(() -> kit.withScorer("x", null)).hasMessageContaining("scorer");
        assertThatThrownBy(() -> kit.evaluate(tmp.resolve("missing.suite.yaml")))
                .hasMessageContaining("missing.suite.yaml").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> EvalgateTestKit.writingRunsTo(null)).hasMessageContaining("runsDirectory");
    }
}
