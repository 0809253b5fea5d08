package dev.evalgate.models.llamacpp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.internal.Runner;
import dev.evalgate.models.SharedModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart corpus run end to end through the engine on the embedded backend: the bundle names the catalog
 * model, and the model override swaps in the shared stories260K file, as {@code --model PATH} does offline.
 */
class LlamaCppSuiteRunTest {
    private static final Path QUICKSTART_CORPUS = Path.of("..", "examples", "quickstart", "corpus");

    @TempDir
    Path tmp;

    private ScorerRegistry scorers;

    @BeforeEach
    void write() throws IOException {
        ScorerProvider nonEmpty = new ScorerProvider() {
            @Override
            public String type() {
                return "non-empty";
            }

            @Override
            public Scorer create(ScorerParams params, JudgeModels models) {
                return context -> context.output().isBlank() ? Score.fail("non-empty", "no output")
                        : Score.pass("non-empty", "some output");
            }
        };
        scorers = ScorerRegistry.of(nonEmpty);
        Files.writeString(tmp.resolve("bundle.yaml"), """
                id: support-assistant
                version: 1.0.0
                model: llamacpp:qwen2.5-0.5b-instruct
                system: |
                  You are the support assistant of an online shop. Reply with a JSON object {"answer": "..."}.
                template: |
                  Customer question: {{question}}
                params:
                  temperature: 0
                  seed: 42
                  max_tokens: 32
                """);
        Files.writeString(tmp.resolve("suite.yaml"), """
                name: llamacpp-quickstart
                bundle: bundle.yaml
                corpora:
                  - %s
                scorers:
                  - name: non-empty
                    type: non-empty
                repeats: 1
                concurrency: 4
                timeout_seconds: 60
                """.formatted(QUICKSTART_CORPUS.toAbsolutePath().normalize()));
    }

    private RunResult run(String runs) {
        Suite suite = new SuiteLoader(scorers).load(tmp.resolve("suite.yaml"));
        BackendOptions backend = new BackendOptions(Optional.of(SharedModel.stories260k()), tmp,
                tmp.resolve("cache"), Map.of(LlamaCppSettings.CONTEXT_SIZE, "512"));
        EvaluationRequest request = new EvaluationRequest(suite, Optional.empty(), tmp.resolve(runs),
                Optional.empty(), Optional.empty(), Optional.empty(), backend, null, null, null);
        return new Evaluation(scorers, ModelClients.of(new LlamaCppClientProvider()), new Runner(pause -> { }))
                .run(request, RunListener.NONE);
    }

    @Test
    void quickstartCorpusRunsOnTheEmbeddedModelAndRepeatsItself() {
        RunResult first = run("runs-a");
        RunResult second = run("runs-b");

        assertThat(first.results()).hasSize(24);
        assertThat(first.summary().errored()).isZero();
        assertThat(first.summary().passed()).isEqualTo(24);
        assertThat(first.spec().model().backend()).isEqualTo("llamacpp");
        assertThat(first.spec().model().fingerprint()).isEqualTo(SharedModel.STORIES_SHA256);
        assertThat(first.summary().promptTokens()).isPositive();
        assertThat(first.summary().completionTokens()).isPositive();
        for (CaseResult result : first.results()) {
            assertThat(result.stats().ttftMs()).as(result.caseId()).isNotNull().isPositive();
        }
        assertThat(second.results()).extracting(CaseResult::output)
                .as("temperature 0 with a fixed seed gives the same outputs on a second run")
                .containsExactlyElementsOf(first.results().stream().map(CaseResult::output).toList());
    }
}
