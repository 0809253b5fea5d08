package dev.evalgate.otel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.engine.TraceId;
import dev.evalgate.engine.cost.RunCosts;
import dev.evalgate.engine.cost.RunPricing;
import dev.evalgate.engine.internal.EngineVersion;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.observe.ModelCall;
import dev.evalgate.engine.observe.RunObserver;

/**
 * One run as OpenTelemetry sees it: a trace whose root span is the run, a child span per case (and repeat), and
 * under each case a client span per model or judge call carrying the GenAI semantic-convention attributes; the
 * run's figures (pass rates per scorer, call durations, tokens, cost) as metrics. Prompts and outputs are attached
 * only when the user asked for content.
 */
final class RunTelemetry implements RunObserver {
    /** A prompt or output attached as content is cut to this many characters: spans are not a place for books. */
    static final int MAX_CONTENT_CHARS = 16 * 1024;

    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("evalgate.run.id");
    static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("evalgate.trace_id");
    static final AttributeKey<String> SCORER = AttributeKey.stringKey("evalgate.scorer");
    static final AttributeKey<String> ROLE = AttributeKey.stringKey("evalgate.call.role");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    static final AttributeKey<String> SUITE = AttributeKey.stringKey("evalgate.suite");

    private final OpenTelemetrySdk sdk;
    private final PresetIds ids;
    private final boolean content;
    private final String destination;
    private final Tracer tracer;
    private final DoubleHistogram callDuration;
    private final LongHistogram tokenUsage;
    private final LongCounter results;
    private final DoubleGauge passRate;
    private final DoubleGauge scorerPassRate;
    private final DoubleCounter cost;
    private final Map<String, Span> cases = new ConcurrentHashMap<>();
    private volatile Span run;
    private volatile Context runContext = Context.root();
    private volatile RunSpec spec;

    RunTelemetry(OpenTelemetrySdk sdk, PresetIds ids, boolean content, String destination) {
        this.sdk = sdk;
        this.ids = ids;
        this.content = content;
        this.destination = destination;
        this.tracer = sdk.getTracer("dev.evalgate", EngineVersion.current());
        Meter meter = sdk.getMeter("dev.evalgate");
        this.callDuration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                .setDescription("Duration of each model and judge call").build();
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                .setDescription("Input and output tokens of each model and judge call").build();
        this.results = meter.counterBuilder("evalgate.results").setUnit("{result}")
                .setDescription("Results of a run, by outcome: passed, failed or errored").build();
        this.passRate = meter.gaugeBuilder("evalgate.run.pass_rate").setUnit("1")
                .setDescription("Share of a run's results that passed every scorer").build();
        this.scorerPassRate = meter.gaugeBuilder("evalgate.scorer.pass_rate").setUnit("1")
                .setDescription("Share of a run's results each scorer passed").build();
        this.cost = meter.counterBuilder("evalgate.cost").ofDoubles().setUnit("{currency}")
                .setDescription("What the run's model and judge calls cost at the suite's prices; absent when a price"
                        + " is unknown").build();
    }

    @Override
    public void runStarted(RunSpec spec) {
        this.spec = spec;
        ids.presetTraceId(PresetIds.traceId(spec.runId()));
        ids.presetSpanId(PresetIds.spanId(spec.runId()));
        Span span = tracer.spanBuilder("evalgate.run " + spec.suite()).setNoParent().setSpanKind(SpanKind.INTERNAL)
                .setAttribute(RUN_ID, spec.runId())
                .setAttribute(SUITE, spec.suite())
                .setAttribute("evalgate.bundle.id", spec.bundle().id())
                .setAttribute("evalgate.bundle.version", spec.bundle().version())
                .setAttribute("evalgate.bundle.digest", spec.bundleDigest())
                .setAttribute(REQUEST_MODEL, spec.model().model())
                .setAttribute(SYSTEM, spec.model().backend())
                .setAttribute("evalgate.model.fingerprint", spec.model().fingerprint())
                .setAttribute("evalgate.repeats", spec.repeats())
                .setAttribute(AttributeKey.stringArrayKey("evalgate.corpora"),
                        spec.corpora().stream().map(c -> c.name() + "@" + c.version()).toList())
                .startSpan();
        run = span;
        runContext = Context.root().with(span);
    }

    @Override
    public void caseStarted(TraceId traceId) {
        ids.presetSpanId(PresetIds.spanId(traceId.toString()));
        Span span = tracer.spanBuilder("evalgate.case " + traceId.caseKey()).setParent(runContext)
                .setAttribute(TRACE_ID, traceId.toString())
                .setAttribute("evalgate.case.key", traceId.caseKey())
                .setAttribute("evalgate.repeat", traceId.repeat())
                .startSpan();
        cases.put(traceId.toString(), span);
    }

    @Override
    public void modelCalled(ModelCall call) {
        Span parent = cases.get(call.traceId().toString());
        Context context = parent == null ? runContext : runContext.with(parent);
        String model = call.model().model();
        String role = call.role() == ModelCall.Role.JUDGE ? "judge" : "model";
        ModelRequest request = call.request();
        SpanBuilder builder = tracer.spanBuilder("chat " + model).setParent(context).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(call.start())
                .setAttribute(OPERATION, "chat")
                .setAttribute(SYSTEM, call.model().backend())
                .setAttribute(PROVIDER, call.model().backend())
                .setAttribute(REQUEST_MODEL, model)
                .setAttribute("gen_ai.request.temperature", request.params().temperature())
                .setAttribute("gen_ai.request.top_p", request.params().topP())
                .setAttribute("gen_ai.request.max_tokens", request.params().maxTokens())
                .setAttribute("gen_ai.request.seed", request.params().seed())
                .setAttribute(ROLE, role)
                .setAttribute(TRACE_ID, call.traceId().toString());
        call.scorer().ifPresent(s -> builder.setAttribute(SCORER, s));
        Span span = builder.startSpan();
        Attributes metricAttributes = Attributes.of(OPERATION, "chat", PROVIDER, call.model().backend(),
                REQUEST_MODEL, model, ROLE, role);
        if (call.completion().isPresent()) {
            Completion c = call.completion().get();
            span.setAttribute("gen_ai.response.model", model);
            span.setAttribute("gen_ai.usage.input_tokens", c.promptTokens());
            span.setAttribute("gen_ai.usage.output_tokens", c.completionTokens());
            span.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                    List.of(c.finishReason()));
            span.setAttribute("evalgate.latency_ms", c.latency().toNanos() / 1e6);
            if (c.timeToFirstToken() != null) {
                span.setAttribute("evalgate.ttft_ms", c.timeToFirstToken().toNanos() / 1e6);
            }
            span.setAttribute("evalgate.cached", c.cached());
            if (content) {
                span.setAttribute("gen_ai.output.messages", json(List.of(Map.of("role", "assistant",
                        "parts", List.of(Map.of("type", "text", "content", cap(c.text()))),
                        "finish_reason", c.finishReason()))));
            }
            tokenUsage.record(c.promptTokens(), metricAttributes.toBuilder().put(TOKEN_TYPE, "input").build());
            tokenUsage.record(c.completionTokens(), metricAttributes.toBuilder().put(TOKEN_TYPE, "output").build());
        }
        call.error().ifPresent(error -> {
            span.setStatus(StatusCode.ERROR, cap(error));
            span.setAttribute("error.type", "model_call_failed");
        });
        if (content) {
            if (!request.system().isEmpty()) {
                span.setAttribute("gen_ai.system_instructions", json(List.of(Map.of("type", "text",
                        "content", cap(request.system())))));
            }
            List<Map<String, Object>> messages = new ArrayList<>();
            for (ChatMessage m : request.messages()) {
                messages.add(Map.of("role", m.role(), "parts", List.of(Map.of("type", "text",
                        "content", cap(m.content())))));
            }
            span.setAttribute("gen_ai.input.messages", json(messages));
        }
        Attributes durationAttributes = call.error().isPresent()
                ? metricAttributes.toBuilder().put("error.type", "model_call_failed").build() : metricAttributes;
        callDuration.record(call.duration().toNanos() / 1e9, durationAttributes);
        Instant end = call.start().plus(call.duration());
        span.end(end);
    }

    @Override
    public void caseEvaluated(CaseResult result) {
        Span span = cases.remove(result.traceId());
        if (span == null) {
            return;
        }
        span.setAttribute("evalgate.passed", result.passed());
        span.setAttribute("evalgate.repair_attempts", result.repairAttempts());
        span.setAttribute("evalgate.fallback_used", result.fallbackUsed());
        span.setAttribute("gen_ai.usage.input_tokens", result.stats().promptTokens());
        span.setAttribute("gen_ai.usage.output_tokens", result.stats().completionTokens());
        for (Score score : result.scores()) {
            span.setAttribute("evalgate.score." + score.name(), score.value());
            span.setAttribute("evalgate.score." + score.name() + ".passed", score.passed());
        }
        RunSpec current = spec;
        if (current != null) {
            OptionalDouble caseCost = RunCosts.ofResult(result, current.pricing());
            if (caseCost.isPresent()) {
                span.setAttribute("evalgate.cost", caseCost.getAsDouble());
            }
        }
        if (result.errored()) {
            // The error can quote an output (a scorer's failure): it is content, attached only when asked for.
            span.setStatus(StatusCode.ERROR, content ? cap(result.error()) : "the case errored");
        }
        span.end();
    }

    @Override
    public void runFinished(RunResult result) {
        Span span = run;
        if (span == null) {
            return;
        }
        var summary = result.summary();
        Attributes runAttributes = Attributes.of(SUITE, result.spec().suite(), RUN_ID, result.spec().runId());
        span.setAttribute("evalgate.results", summary.results());
        span.setAttribute("evalgate.passed", summary.passed());
        span.setAttribute("evalgate.errored", summary.errored());
        span.setAttribute("gen_ai.usage.input_tokens", summary.promptTokens());
        span.setAttribute("gen_ai.usage.output_tokens", summary.completionTokens());
        if (summary.results() > 0) {
            span.setAttribute("evalgate.pass_rate", summary.passRate());
            passRate.set(summary.passRate(), runAttributes);
        }
        results.add(summary.passed(), runAttributes.toBuilder().put("evalgate.outcome", "passed").build());
        results.add(summary.errored(), runAttributes.toBuilder().put("evalgate.outcome", "errored").build());
        results.add(summary.results() - summary.passed() - summary.errored(),
                runAttributes.toBuilder().put("evalgate.outcome", "failed").build());
        for (ScorerSummary scorer : summary.scorers()) {
            if (scorer.scored() > 0) {
                scorerPassRate.set(scorer.passRate(), runAttributes.toBuilder().put(SCORER, scorer.name()).build());
            }
        }
        RunPricing pricing = result.spec().pricing();
        RunCosts costs = RunCosts.of(result.results(), pricing);
        costs.total().ifPresent(total -> span.setAttribute("evalgate.cost", total));
        costs.model().ifPresent(c -> cost.add(c, runAttributes.toBuilder().put("evalgate.cost.part", "model")
                .build()));
        costs.byScorer().forEach((scorer, c) -> c.ifPresent(v -> cost.add(v, runAttributes.toBuilder()
                .put("evalgate.cost.part", "judge").put(SCORER, scorer).build())));
        span.end();
    }

    /** Ends what a failed run left open, then sends everything; a collector that is down is reported here. */
    @Override
    public void close() {
        for (Span open : cases.values()) {
            open.setStatus(StatusCode.ERROR, "the run stopped before the case finished");
            open.end();
        }
        cases.clear();
        Span span = run;
        if (span != null && span.isRecording()) {
            span.setStatus(StatusCode.ERROR, "the run stopped before it finished");
            span.end();
        }
        CompletableResultCode flushed = sdk.getSdkTracerProvider().forceFlush()
                .join(10, TimeUnit.SECONDS);
        CompletableResultCode metrics = sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        if (!flushed.isSuccess() || !metrics.isSuccess()) {
            throw new IllegalStateException("the run's spans or metrics could not be sent to " + destination
                    + " (is an OTLP/HTTP collector listening there?)");
        }
    }

    private static String cap(String text) {
        return CaseResult.cap(text, MAX_CONTENT_CHARS);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
