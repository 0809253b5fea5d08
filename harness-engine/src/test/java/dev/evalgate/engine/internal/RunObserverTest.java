package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.RepairPolicy;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.TraceId;
import dev.evalgate.engine.observe.ModelCall;
import dev.evalgate.engine.observe.RunObserver;

class RunObserverTest {
    @TempDir
    Path tmp;

    @Test
    void theObserverHearsTheRunEachCaseAndEachModelAndJudgeCallUnderTheResultsTraceId() {
        Recording observer = new Recording();
        ScriptedModelClient model = ScriptedModelClient.answering(r -> "answer to " + r.lastUserMessage());
        ModelClient judge = new JudgeParamsClient(ScriptedModelClient.answering(r -> "{\"verdict\": \"pass\"}"),
                new GenerationParams(0, 1, 32, 1));
        NamedScorer judged = new NamedScorer("judged", c -> {
            try {
                judge.complete(ModelRequest.of("judge", "is this right? " + c.output(), GenerationParams.DEFAULTS));
            } catch (ModelCallException e) {
                throw new IllegalStateException(e);
            }
            return Score.pass("judged", "fine");
        });
        NamedScorer rule = new NamedScorer("rule", c -> Score.pass("rule", "no judge"));

        RunResult result = new Runner(d -> { }).run(plan(model, List.of(judged, rule), observer),
                RunStore.create(tmp.resolve("run")), RunListener.NONE);

        assertThat(observer.events).first().isEqualTo("run-started run-1");
        assertThat(observer.events).last().isEqualTo("run-finished 3");
        List<String> traceIds = result.results().stream().map(CaseResult::traceId).toList();
        for (String traceId : traceIds) {
            assertThat(observer.events).containsSubsequence("case-started " + traceId,
                    "MODEL " + traceId + " scripted-model stop", "JUDGE " + traceId + " judged scripted-model stop",
                    "case-evaluated " + traceId);
        }
        assertThat(observer.calls).hasSize(6);
        ModelCall first = observer.calls.stream().filter(c -> c.role() == ModelCall.Role.MODEL).findFirst()
                .orElseThrow();
        assertThat(first.request().lastUserMessage()).startsWith("Question ");
        assertThat(first.request().params().seed()).isEqualTo(100L);
        assertThat(first.completion().orElseThrow().promptTokens()).isEqualTo(10);
        // The judge's usage is kept per scorer in results.jsonl, so its cost can be computed after the run.
        for (CaseResult stored : RunStore.read(tmp.resolve("run")).results()) {
            assertThat(stored.judgeStats()).containsOnlyKeys("judged");
            assertThat(stored.judgeStats().get("judged").promptTokens()).isEqualTo(10);
            assertThat(stored.judgeStats().get("judged").completionTokens())
                    .isEqualTo("{\"verdict\": \"pass\"}".length());
            assertThat(stored.judgeStats().get("judged").calls()).isEqualTo(1);
        }
    }

    @Test
    void aFailedModelCallIsObservedWithItsErrorAndAThrowingObserverNeverFailsTheRun() {
        ScriptedModelClient model = new ScriptedModelClient((r, n) -> {
            throw new ModelCallException("model not found", false);
        }, 1);
        Recording recording = new Recording();
        RunObserver throwing = new RunObserver() {
            @Override
            public void caseStarted(TraceId traceId) {
                throw new IllegalStateException("exporter down");
            }
        };
        RunResult result = new Runner(d -> { }).run(plan(model, List.of(), throwing),
                RunStore.create(tmp.resolve("a")), RunListener.NONE);
        assertThat(result.results()).hasSize(3).allMatch(r -> r.error().contains("model not found"));

        new Runner(d -> { }).run(plan(model, List.of(), recording), RunStore.create(tmp.resolve("b")),
                RunListener.NONE);
        assertThat(recording.calls).hasSize(3).allSatisfy(c -> {
            assertThat(c.completion()).isEmpty();
            assertThat(c.error()).hasValue("model not found");
        });
        // A run without judges writes no judge usage at all.
        assertThat(RunStore.read(tmp.resolve("b")).results()).allMatch(r -> r.judgeStats().isEmpty());
    }

    /** A suite that redacts what it stores never hands the raw text to an observer either. */
    @Test
    void aRedactingSuiteMasksThePromptsAndOutputsTheObserverSees() {
        Recording recording = new Recording();
        ScriptedModelClient model = ScriptedModelClient.answering(r -> "call 555-0100 about " + r.lastUserMessage());
        StoredTextRedactor redactor = () -> text -> text.replace("555-0100", "[PHONE]").replace("Question",
                "[WORD]");
        new Runner(d -> { }).run(new RunPlan(RunnerTest.spec(1), RunnerTest.cases(2),
                RunnerTest.bundle(RepairPolicy.NONE), model, List.of(), Optional.empty(),
                new RetryPolicy(0, Duration.ZERO, 1.0), Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE,
                Optional.of(redactor), recording), RunStore.create(tmp.resolve("r")), RunListener.NONE);

        assertThat(model.requests).extracting(ModelRequest::lastUserMessage).allMatch(m -> m.startsWith("Question"));
        assertThat(recording.calls).hasSize(2).allSatisfy(c -> {
            assertThat(c.request().lastUserMessage()).startsWith("[WORD] ").doesNotContain("Question");
            assertThat(c.completion().orElseThrow().text()).startsWith("call [PHONE] about [WORD]");
        });
    }

    private static RunPlan plan(ModelClient client, List<NamedScorer> scorers, RunObserver observer) {
        return new RunPlan(RunnerTest.spec(1), RunnerTest.cases(3), RunnerTest.bundle(RepairPolicy.NONE), client,
                scorers, Optional.empty(), new RetryPolicy(0, Duration.ZERO, 1.0), Duration.ofSeconds(5), 2, 1,
                BaselineOutputs.NONE, Optional.empty(), observer);
    }

    private static final class Recording implements RunObserver {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<ModelCall> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void runStarted(RunSpec spec) {
            events.add("run-started " + spec.runId());
        }

        @Override
        public void caseStarted(TraceId traceId) {
            events.add("case-started " + traceId);
        }

        @Override
        public void modelCalled(ModelCall call) {
            calls.add(call);
            events.add(call.role() + " " + call.traceId() + call.scorer().map(s -> " " + s).orElse("") + " "
                    + call.model().model() + " " + call.completion().map(Completion::finishReason).orElse("failed"));
        }

        @Override
        public void caseEvaluated(CaseResult result) {
            events.add("case-evaluated " + result.traceId());
        }

        @Override
        public void runFinished(RunResult result) {
            events.add("run-finished " + result.results().size());
        }
    }
}
