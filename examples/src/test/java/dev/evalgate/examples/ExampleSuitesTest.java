package dev.evalgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;

/**
 * Every suite shipped under {@code examples/} loads: its bundle, its corpora (with their pinned hashes), its
 * scorers, gate and tiers. An example that rots is caught here, not by a user copying it.
 */
class ExampleSuitesTest {

    @TestFactory
    Stream<DynamicTest> everyExampleSuiteLoads() throws IOException {
        List<Path> suites;
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            suites = files.filter(p -> p.getFileName().toString().endsWith("suite.yaml"))
                    .filter(p -> !p.toString().contains("target")).sorted().toList();
        }
        assertThat(suites).as("example suites").isNotEmpty();
        ScorerRegistry scorers = ScorerRegistry.load();
        return suites.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Suite suite = new SuiteLoader(scorers).load(file);
            Evaluation.Prepared prepared = new Evaluation(scorers, ModelClients.load()).prepare(
                    EvaluationRequest.of(suite, Path.of("unused"),
                            new BackendOptions(Optional.empty(), null, null, null)));
            assertThat(prepared.cases()).isNotEmpty();
            assertThat(ModelClients.load().knows(dev.evalgate.engine.ModelRef.parse(prepared.bundle().model())
                    .backend())).isTrue();
        }));
    }
}
