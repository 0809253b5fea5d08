package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.otel.OtlpReceiver;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The JUnit engine exports to OpenTelemetry as {@code evalgate run --otel} does, when its configuration says so:
 * {@code evalgate.otel} names the collector, and prompts and outputs go out only with {@code evalgate.otel.content}.
 */
class OtelInJUnitTest {
    @TempDir
    Path tmp;
    Path suite;

    @BeforeEach
    void writeSuite() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"input\": \"2+2?\"}",
                "{\"id\": \"b\", \"input\": \"Capital of France?\"}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"{\\\"answer\\\": \\\"Paris\\\"}\"}", ""));
        Files.writeString(tmp.resolve("bundle.yaml"), "id: tiny\nversion: 1\nmodel: replay:outputs.jsonl\n"
                + "template: \"Q: {{input}}\"\n");
        suite = tmp.resolve("tiny.suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: valid-json\n"
                + "output: runs\n");
    }

    @Test
    void theConfigurationTurnsTheExportOnAndContentIsAttachedOnlyWhenAsked() throws IOException {
        List<Span> plain = export(false);
        assertThat(plain).extracting(Span::getName).contains("evalgate.run tiny.suite", "evalgate.case tiny/a",
                "evalgate.case tiny/b");
        assertThat(plain).flatExtracting(Span::getAttributesList).extracting(KeyValue::getKey)
                .contains("evalgate.trace_id").doesNotContain("gen_ai.input.messages", "gen_ai.output.messages");

        List<Span> withContent = export(true);
        assertThat(withContent).flatExtracting(Span::getAttributesList)
                .filteredOn(kv -> kv.getKey().equals("gen_ai.input.messages"))
                .extracting(kv -> kv.getValue().getStringValue())
                .anySatisfy(text -> assertThat(text).contains("Q: Capital of France?"));
        assertThat(withContent).flatExtracting(Span::getAttributesList)
                .filteredOn(kv -> kv.getKey().equals("gen_ai.output.messages"))
                .extracting(kv -> kv.getValue().getStringValue())
                .anySatisfy(text -> assertThat(text).contains("Paris"));
    }

    @Test
    void aValueThatIsNoCollectorFailsTheSuiteNamingTheKey() {
        EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                .configurationParameter(EvalgateEngineConfig.OTEL, "localhost:4318")
                .configurationParameter(EvalgateEngineConfig.HISTORY, "off")
                .selectors(selectFile(suite.toFile())).execute()
                .containerEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                        message(m -> m.contains(EvalgateEngineConfig.OTEL) && m.contains("http://localhost:4318"))));
    }

    private List<Span> export(boolean content) throws IOException {
        try (OtlpReceiver collector = new OtlpReceiver()) {
            EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                    .configurationParameter(EvalgateEngineConfig.OTEL, collector.url())
                    .configurationParameter(EvalgateEngineConfig.OTEL_CONTENT, Boolean.toString(content))
                    .configurationParameter(EvalgateEngineConfig.CACHE_MODE, "off")
                    .configurationParameter(EvalgateEngineConfig.HISTORY, "off")
                    .selectors(selectFile(suite.toFile())).execute()
                    .testEvents().assertStatistics(stats -> stats.failed(0));
            assertThat(collector.rejected).isEmpty();
            return collector.spans();
        }
    }
}
