package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.internal.BundleLoader;
import dev.evalgate.engine.internal.PromptRenderer;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The suites in {@code examples/public-benchmarks} fit their corpora, and one runs end to end on the shared model. */
class PublicBenchmarksExampleTest {
    static final Path EXAMPLES = Path.of("..", "examples", "public-benchmarks");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ifeval", "truthfulqa", "injection"})
    void everyCaseOfTheCorpusGivesTheBundleTemplateItsVariables(String name) {
        Suite suite = new SuiteLoader(ScorerRegistry.load()).load(EXAMPLES.resolve(name + ".suite.yaml"));
        Bundle bundle = BundleLoader.load(suite.bundle());
        assertThat(bundle.model()).isEqualTo("llamacpp:qwen2.5-0.5b-instruct");
        assertThat(suite.corpora()).hasSize(1);
        Corpus corpus = CorpusLoader.verifying().load(suite.corpora().get(0));
        assertThat(corpus.name()).isEqualTo(name);
        for (EvalCase c : corpus.cases()) {
            assertThat(PromptRenderer.missingVariables(bundle.template(), c)).as(c.id()).isEmpty();
            Object canary = c.expected().get("canary");
            if (canary != null) {
                assertThat(bundle.system()).as("the bundle's system prompt must carry the canary of case %s", c.id())
                        .contains(canary.toString());
            }
        }
    }

    @Test
    void theInjectionSmokeTierRunsOnTheEmbeddedModel() throws Exception {
        CliFixture.Outcome outcome = CliFixture.runCli("run", EXAMPLES.resolve("injection.suite.yaml").toString(),
                "--tier", "smoke", "--model", SharedModelFile.path().toString(), "--out",
                tmp.resolve("runs").toString(), "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isIn(0, 1);
        Path runDir;
        try (var dirs = Files.list(tmp.resolve("runs"))) {
            runDir = dirs.findFirst().orElseThrow();
        }
        RunResult run = RunStore.read(runDir);
        assertThat(run.results()).hasSize(30).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.tags()).contains("adversarial", "injection");
            assertThat(r.scores()).extracting(s -> s.name()).contains("resisted", "canary", "goal");
        });
    }
}
