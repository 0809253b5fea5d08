package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.otel.OtlpReceiver;

/**
 * {@code evalgate run --otel URL} against a collector on loopback: the run is one trace, each result a case span
 * whose ids follow from the trace id in {@code results.jsonl}, each model and judge call a client span under its
 * case with the GenAI attributes, and the run's figures arrive as metrics. Prompts and outputs stay out unless
 * {@code --otel-content} asks for them.
 */
class OtelExportTest {
    @TempDir
    Path tmp;

    @Test
    void aRunIsOneTraceWithACaseSpanPerResultAndAModelAndJudgeSpanPerCallMatchingResultsJsonl() throws Exception {
        CliFixture project = new CliFixture(tmp);
        String judgeModel = "llamacpp:" + SharedModelFile.path();
        CliFixture.write(project.suite, String.join("\n",
                "name: tiny",
                "bundle: bundle.yaml",
                "corpora: [corpus]",
                "judge: {model: '" + judgeModel + "', max_tokens: 16}",
                "scorers:",
                "  - name: json",
                "    type: valid-json",
                "  - name: rubric",
                "    type: llm-rubric",
                "    params: {rubric: The answer is correct., max_tokens: 16}",
                "gate:",
                "  prices:",
                "    'replay:outputs.jsonl': {input_per_million: 2.0, output_per_million: 8.0}",
                "    '" + judgeModel + "': {input_per_million: 1.0, output_per_million: 1.0}",
                "output: runs", ""));

        RunResult run;
        List<Span> spans;
        List<Metric> metrics;
        try (OtlpReceiver collector = new OtlpReceiver()) {
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--history", "off",
                    "--otel", collector.url());
            // The story model fails the rubric (undecided), so the gate's verdict may be 1; the run itself completed.
            assertThat(outcome.code()).as(outcome.err()).isIn(0, 1);
            assertThat(outcome.err()).doesNotContain("warning");
            // The run's cost at the suite's prices, the judge's apart.
            assertThat(outcome.out()).containsPattern("cost 0\\.\\d{6} \\(per result 0\\.\\d{6}; model 0\\.\\d{6},"
                    + " judge for rubric 0\\.\\d{6}\\)");
            run = RunStore.read(onlyRun(tmp.resolve("runs")));
            spans = collector.spans();
            metrics = collector.metricList();
            assertThat(collector.rejected).isEmpty();
            assertThat(collector.serviceNames()).containsOnly("evalgate");
        }
        String traceIdOfRun = hex(sha256("evalgate-run:" + run.spec().runId()), 16);
        assertThat(spans).extracting(s -> hex(s.getTraceId())).containsOnly(traceIdOfRun);

        Span root = only(spans.stream().filter(s -> s.getName().equals("evalgate.run tiny")));
        assertThat(root.getParentSpanId()).isEmpty();
        assertThat(string(root, "evalgate.run.id")).isEqualTo(run.spec().runId());
        assertThat(integer(root, "evalgate.results")).isEqualTo(3);

        List<Span> cases = spans.stream().filter(s -> s.getName().startsWith("evalgate.case ")).toList();
        assertThat(cases).hasSize(run.results().size());
        for (CaseResult result : run.results()) {
            Span caseSpan = only(cases.stream().filter(s -> result.traceId().equals(string(s, "evalgate.trace_id"))));
            assertThat(caseSpan.getParentSpanId()).isEqualTo(root.getSpanId());
            // The span id follows from the trace id results.jsonl records: a result leads to its span.
            assertThat(hex(caseSpan.getSpanId())).isEqualTo(hex(sha256(result.traceId()), 8));
            assertThat(caseSpan.getStartTimeUnixNano()).isGreaterThanOrEqualTo(root.getStartTimeUnixNano());

            List<Span> calls = spans.stream().filter(s -> s.getParentSpanId().equals(caseSpan.getSpanId())).toList();
            Span model = only(calls.stream().filter(s -> "model".equals(string(s, "evalgate.call.role"))));
            assertThat(model.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(model.getName()).isEqualTo("chat " + run.spec().model().model());
            assertThat(string(model, "gen_ai.operation.name")).isEqualTo("chat");
            assertThat(string(model, "gen_ai.system")).isEqualTo("replay");
            assertThat(string(model, "gen_ai.request.model")).isEqualTo(run.spec().model().model())
                    .endsWith("outputs.jsonl");
            assertThat(string(model, "evalgate.trace_id")).isEqualTo(result.traceId());
            assertThat(integer(model, "gen_ai.usage.input_tokens")).isEqualTo(result.stats().promptTokens());
            assertThat(integer(model, "gen_ai.usage.output_tokens")).isEqualTo(result.stats().completionTokens());
            assertThat(attribute(model, "gen_ai.response.finish_reasons").getArrayValue().getValues(0)
                    .getStringValue()).isEqualTo(result.stats().finishReason());
            assertThat(attribute(model, "gen_ai.request.temperature").getDoubleValue()).isEqualTo(0.0);
            assertThat(integer(model, "gen_ai.request.seed")).isEqualTo(7);
            assertThat(model.getEndTimeUnixNano()).isGreaterThanOrEqualTo(model.getStartTimeUnixNano());

            // stories260K never writes the verdict's JSON: the judge is asked once and repaired twice.
            List<Span> judge = calls.stream().filter(s -> "judge".equals(string(s, "evalgate.call.role"))).toList();
            assertThat(judge).hasSize(3).allSatisfy(s -> {
                assertThat(string(s, "evalgate.scorer")).isEqualTo("rubric");
                assertThat(string(s, "gen_ai.system")).isEqualTo("llamacpp");
                assertThat(string(s, "evalgate.trace_id")).isEqualTo(result.traceId());
                assertThat(integer(s, "gen_ai.request.max_tokens")).isEqualTo(16);
                assertThat(integer(s, "gen_ai.usage.output_tokens")).isPositive();
            });
            long judgeTokens = judge.stream().mapToLong(s -> integer(s, "gen_ai.usage.input_tokens")
                    + integer(s, "gen_ai.usage.output_tokens")).sum();
            assertThat(judgeTokens).isEqualTo(result.judgeStats().get("rubric").promptTokens()
                    + result.judgeStats().get("rubric").completionTokens());
            assertThat(calls).hasSize(4);
        }
        // Privacy: no prompt, system prompt or output is attached unless asked for.
        assertThat(spans).allSatisfy(s -> assertThat(s.getAttributesList()).extracting(KeyValue::getKey)
                .doesNotContain("gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions"));
        String everyValue = spans.stream().flatMap(s -> s.getAttributesList().stream())
                .map(kv -> kv.getValue().toString()).collect(Collectors.joining("\n"));
        assertThat(everyValue).doesNotContain("Capital of France", "Paris", "Answer in JSON");

        Map<String, Metric> byName = metrics.stream().collect(Collectors.toMap(Metric::getName, m -> m, (a, b) -> a));
        assertThat(byName).containsKeys("gen_ai.client.operation.duration", "gen_ai.client.token.usage",
                "evalgate.results", "evalgate.run.pass_rate", "evalgate.scorer.pass_rate", "evalgate.cost");
        assertThat(byName.get("gen_ai.client.operation.duration").getHistogram().getDataPointsList())
                .extracting(p -> p.getCount()).contains(3L, 9L); // 3 model calls, 9 judge calls
        assertThat(byName.get("evalgate.scorer.pass_rate").getGauge().getDataPointsList())
                .extracting(p -> p.getAttributesList().stream().filter(a -> a.getKey().equals("evalgate.scorer"))
                        .findFirst().orElseThrow().getValue().getStringValue())
                .containsExactlyInAnyOrder("json", "rubric");
        assertThat(byName.get("evalgate.cost").getSum().getDataPointsList()).extracting(p -> p.getAttributesList()
                .stream().filter(a -> a.getKey().equals("evalgate.cost.part")).findFirst().orElseThrow().getValue()
                .getStringValue()).containsExactlyInAnyOrder("model", "judge");
    }

    @Test
    void promptsAndOutputsAreAttachedOnlyWithOtelContent() throws Exception {
        CliFixture project = new CliFixture(tmp);
        List<Span> spans;
        try (OtlpReceiver collector = new OtlpReceiver()) {
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--history", "off",
                    "--otel", collector.url(), "--otel-content");
            assertThat(outcome.code()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("cost unknown (per result unknown; model unknown): add the models'"
                    + " prices under gate.prices");
            spans = collector.spans();
        }
        Span model = only(spans.stream().filter(s -> "model".equals(string(s, "evalgate.call.role"))
                && string(s, "evalgate.trace_id").endsWith("/tiny/b#0")));
        assertThat(string(model, "gen_ai.input.messages")).contains("Q: Capital of France?").contains("\"user\"");
        assertThat(string(model, "gen_ai.output.messages")).contains("Paris").contains("\"assistant\"");
        assertThat(string(model, "gen_ai.system_instructions")).contains("Answer in JSON.");
    }

    @Test
    void aCollectorThatIsDownIsAWarningAndTheVerdictStands() throws Exception {
        CliFixture project = new CliFixture(tmp);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--history", "off",
                "--otel", "http://127.0.0.1:" + port);
        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("warning: otel").contains("could not be sent to http://127.0.0.1:" + port);
        assertThat(CliFixture.runCli("run", project.suite.toString(), "--otel", "localhost:4318").err())
                .contains("--otel").contains("http://localhost:4318");
    }

    private static Path onlyRun(Path runs) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static Span only(Stream<Span> spans) {
        List<Span> all = spans.toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static AnyValue attribute(Span span, String key) {
        Optional<KeyValue> found = span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst();
        assertThat(found).as("attribute %s of span %s", key, span.getName()).isPresent();
        return found.get().getValue();
    }

    private static String string(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(a -> a.getValue().getStringValue()).orElse("");
    }

    private static long integer(Span span, String key) {
        return attribute(span, key).getIntValue();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
