package dev.evalgate.engine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.OutputValidator;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.RepairPolicy;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;

import static org.assertj.core.api.Assertions.assertThat;

public class RunnerTest {
    @TempDir
    Path tmp;

    private final Runner runner = new Runner(d -> { });

    @Test
    void everyCaseAndRepeatIsRunOnceWithItsOwnSeedAndTrace() {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "echo " + r.lastUserMessage());
        RunPlan plan = plan(client, cases(5), 3, 2, Optional.empty(), RepairPolicy.NONE);

        RunResult result = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE);

        assertThat(result.results()).hasSize(15);
        assertThat(client.calls()).isEqualTo(15);
        assertThat(client.requests).extracting(r -> r.params().seed()).containsOnly(100L, 101L, 102L);
        assertThat(result.results()).extracting(CaseResult::traceId).doesNotHaveDuplicates();
        assertThat(result.results().get(0).output()).isEqualTo("echo Question 0?");
        assertThat(result.results().get(0).prompt()).isEqualTo("Question 0?");
        // Results come back in corpus order, repeats in order, whatever order they finished in.
        assertThat(result.results()).extracting(r -> r.caseId() + "#" + r.repeat())
                .startsWith("case-0#0", "case-0#1", "case-0#2", "case-1#0");
        assertThat(RunStore.read(tmp.resolve("run")).results()).hasSize(15);
        assertThat(RunStore.readRecord(tmp.resolve("run")).status()).isEqualTo(RunRecord.COMPLETED);
    }

    /**
     * results.jsonl is flushed in batches, and the listener hears of a case only once its line is in the file: what
     * the progress reports as done survives a kill of the process.
     */
    @Test
    void aCaseIsReportedFinishedOnlyOnceItsLineIsInTheFile() {
        ScriptedModelClient client = new ScriptedModelClient((r, n) -> "ok " + r.lastUserMessage(), 4);
        Path runDir = tmp.resolve("run");
        List<String> missing = new ArrayList<>();
        List<String> heard = new ArrayList<>();
        RunListener checking = new RunListener() {
            @Override
            public void caseFinished(CaseResult result) {
                heard.add(result.caseId());
                try {
                    // Read by another file handle, as a process that survives this one would.
                    String onDisk = Files.readString(runDir.resolve(RunStore.RESULTS_FILE), StandardCharsets.UTF_8);
                    if (!onDisk.contains("\"" + result.traceId() + "\"")) {
                        missing.add(result.caseId());
                    }
                } catch (IOException e) {
                    missing.add(result.caseId() + " (" + e + ")");
                }
            }
        };

        runner.run(plan(client, cases(700), 1, 4, Optional.empty(), RepairPolicy.NONE), RunStore.create(runDir),
                checking);

        assertThat(heard).hasSize(700).doesNotHaveDuplicates();
        assertThat(missing).isEmpty();
    }

    @Test
    void concurrencyIsBoundedByTheSuiteAndByTheClient() {
        ScriptedModelClient wide = new ScriptedModelClient((r, n) -> "ok", Integer.MAX_VALUE);
        wide.delayMillis = 20;
        runner.run(plan(wide, cases(12), 1, 3, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(tmp.resolve("a")), RunListener.NONE);
        assertThat(wide.maxInFlight()).isBetween(2, 3);

        ScriptedModelClient single = new ScriptedModelClient((r, n) -> "ok", 1);
        single.delayMillis = 5;
        runner.run(plan(single, cases(6), 1, 4, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(tmp.resolve("b")), RunListener.NONE);
        assertThat(single.maxInFlight()).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedAndPermanentOnesErrorOnlyTheirCase() {
        ScriptedModelClient client = new ScriptedModelClient((request, n) -> {
            String q = request.lastUserMessage();
            if (q.equals("Question 1?") && n <= 3) {
                throw new ModelCallException("HTTP 503", true);
            }
            if (q.equals("Question 2?")) {
                throw new ModelCallException("model not found", false);
            }
            return "fine";
        }, 1);
        RunResult result = runner.run(plan(client, cases(4), 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(tmp.resolve("run")), RunListener.NONE);

        Map<String, CaseResult> byId = result.results().stream()
                .collect(Collectors.toMap(CaseResult::caseId, Function.identity()));
        assertThat(byId.get("case-1").error()).isNull();
        assertThat(byId.get("case-1").output()).isEqualTo("fine");
        assertThat(byId.get("case-2").error()).contains("model not found");
        assertThat(byId.get("case-2").passed()).isFalse();
        assertThat(byId.get("case-3").error()).isNull();
        assertThat(result.summary().errored()).isEqualTo(1);
        // case-1 took its first call plus two retries; case-2 was not retried.
        assertThat(client.requests.stream().filter(r -> r.lastUserMessage().equals("Question 2?"))).hasSize(1);
    }

    @Test
    void repairLoopSendsTheValidationErrorBackAndStopsAtTheCap() {
        // case-0 is valid at once, case-1 after one repair, case-2 never: it gets the fallback after 2 repairs.
        ScriptedModelClient client = ScriptedModelClient.answering(request -> {
            String q = request.messages().get(0).content();
            int attempt = (request.messages().size() - 1) / 2;
            return switch (q) {
                case "Question 0?" -> "{\"answer\": 0}";
                case "Question 1?" -> attempt == 0 ? "not json" : "{\"answer\": 1}";
                default -> "still not json " + attempt;
            };
        });
        RunResult result = runner.run(plan(client, cases(3), 1, 1, Optional.of(new JsonSyntaxValidator()),
                new RepairPolicy(2, "{\"answer\": null}")), RunStore.create(tmp.resolve("run")), RunListener.NONE);

        List<CaseResult> r = result.results();
        assertThat(r.get(0).repairAttempts()).isZero();
        assertThat(r.get(0).fallbackUsed()).isFalse();
        assertThat(r.get(1).repairAttempts()).isEqualTo(1);
        assertThat(r.get(1).output()).isEqualTo("{\"answer\": 1}");
        assertThat(r.get(2).repairAttempts()).isEqualTo(2);
        assertThat(r.get(2).fallbackUsed()).isTrue();
        assertThat(r.get(2).output()).isEqualTo("{\"answer\": null}");
        assertThat(r.get(2).stats().calls()).isEqualTo(3);
        assertThat(client.calls()).isEqualTo(1 + 2 + 3);
        ModelRequest repair = client.requests.stream()
                .filter(q -> q.messages().size() == 3 && q.messages().get(0).content().equals("Question 1?"))
                .findFirst().orElseThrow();
        assertThat(repair.messages().get(1)).isEqualTo(ChatMessage.assistant("not json"));
        assertThat(repair.messages().get(2).content()).contains("not valid JSON");
        assertThat(result.summary().repairAttempts()).isEqualTo(3);
        assertThat(result.summary().fallbacks()).isEqualTo(1);
    }

    @Test
    void aRunThatFailsMidwayReleasesItsWriterSoItCanBeResumedInTheSameProcess() {
        Path dir = tmp.resolve("run");
        List<PlannedCase> cases = cases(6);
        RunListener failing = new RunListener() {
            @Override
            public void caseFinished(CaseResult result) {
                if (result.caseId().equals("case-2")) {
                    throw new IllegalStateException("injected failure");
                }
            }
        };
        Runner oneAtATime = new Runner(d -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> oneAtATime.run(plan(
                ScriptedModelClient.answering(r -> "first"), cases, 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(dir), failing)).hasMessage("injected failure");

        ScriptedModelClient second = ScriptedModelClient.answering(r -> "second");
        RunResult result = runner.run(plan(second, cases, 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.resume(dir), RunListener.NONE);

        assertThat(result.results()).extracting(CaseResult::caseId)
                .containsExactly("case-0", "case-1", "case-2", "case-3", "case-4", "case-5");
        assertThat(second.calls()).isLessThan(6);
        RunStore.resume(dir).close(); // and the finished run is released too
    }

    @Test
    void resumeRunsOnlyWhatIsMissingAndDropsATornLastLine() throws IOException {
        Path dir = tmp.resolve("run");
        ScriptedModelClient first = ScriptedModelClient.answering(r -> "first");
        List<PlannedCase> cases = cases(6);
        runner.run(plan(first, cases.subList(0, 3), 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(dir), RunListener.NONE);
        // Simulate a kill in the middle of writing the fourth line.
        Files.writeString(dir.resolve(RunStore.RESULTS_FILE), "{\"corpus\":\"c\",\"caseId\":\"case-3\",\"rep",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ScriptedModelClient second = ScriptedModelClient.answering(r -> "second");
        RunResult result = runner.run(plan(second, cases, 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.resume(dir), RunListener.NONE);

        assertThat(second.calls()).isEqualTo(3);
        assertThat(result.results()).extracting(CaseResult::caseId)
                .containsExactly("case-0", "case-1", "case-2", "case-3", "case-4", "case-5");
        assertThat(result.results()).extracting(CaseResult::output)
                .containsExactly("first", "first", "first", "second", "second", "second");
        List<String> lines = Files.readAllLines(dir.resolve(RunStore.RESULTS_FILE));
        assertThat(lines).hasSize(6);
        assertThat(Set.copyOf(RunStore.read(dir).results().stream().map(CaseResult::key).toList())).hasSize(6);
    }

    @Test
    void aScorerThatThrowsOnEveryCaseIsNamedAsAScorerErrorNotBlamedOnTheModel() {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "an answer");
        List<NamedScorer> scorers = List.of(new NamedScorer("ok", c -> Score.pass("ok", "fine")),
                new NamedScorer("broken-judge", c -> {
                    throw new IllegalStateException("cannot parse its parameters");
                }));
        RunPlan plan = new RunPlan(spec(1), cases(3), bundle(RepairPolicy.NONE), client, scorers, Optional.empty(),
                RetryPolicy.NONE, Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        RunResult result = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.evalgate.engine.Evaluation.requireEvaluated(result))
                .isInstanceOf(dev.evalgate.engine.EvaluationException.class)
                .hasMessageContaining("scorer 'broken-judge' failed on every case")
                .hasMessageContaining("case c/case-0")
                .hasMessageContaining("cannot parse its parameters")
                .hasMessageContaining("the model answered")
                .hasMessageNotContaining("every case errored");
    }

    @Test
    void casesWhoseModelCallFailedStillReportEveryCaseErrored() {
        ScriptedModelClient client = new ScriptedModelClient((r, n) -> {
            throw new ModelCallException("connection refused", false);
        }, 1);
        RunPlan plan = plan(client, cases(2), 1, 1, Optional.empty(), RepairPolicy.NONE);
        RunResult result = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.evalgate.engine.Evaluation.requireEvaluated(result))
                .hasMessageContaining("every case errored").hasMessageContaining("connection refused");
    }

    @Test
    void aScorerThatThrowsErrorsTheCaseButKeepsTheOtherScores() {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "x");
        List<NamedScorer> scorers = List.of(new NamedScorer("ok", c -> Score.pass("whatever", "fine")),
                new NamedScorer("broken", c -> {
                    throw new IllegalStateException("boom");
                }));
        RunPlan plan = new RunPlan(spec(1), cases(1), bundle(RepairPolicy.NONE), client, scorers, Optional.empty(),
                RetryPolicy.NONE, Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        CaseResult r = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE).results().get(0);
        assertThat(r.scores()).extracting(Score::name).containsExactly("ok");
        assertThat(r.error()).contains("scorer 'broken' failed").contains("boom");
    }

    @Test
    void hugeOutputsAreCappedBeforeTheyAreStoredOrScored() {
        String huge = "a".repeat(CaseResult.MAX_OUTPUT_CHARS * 3);
        ScriptedModelClient client = ScriptedModelClient.answering(r -> huge);
        List<Integer> seenLengths = new ArrayList<>();
        List<NamedScorer> scorers = List.of(new NamedScorer("len", c -> {
            seenLengths.add(c.output().length());
            return Score.pass("len", "");
        }));
        RunPlan plan = new RunPlan(spec(1), cases(1), bundle(RepairPolicy.NONE), client, scorers, Optional.empty(),
                RetryPolicy.NONE, Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        CaseResult r = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE).results().get(0);
        assertThat(r.output()).hasSize(CaseResult.MAX_OUTPUT_CHARS);
        assertThat(r.outputTruncated()).isTrue();
        assertThat(seenLengths).containsExactly(CaseResult.MAX_OUTPUT_CHARS);
    }

    @Test
    void aScorerLimitedToTagsScoresOnlyThoseCases() {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "x");
        List<NamedScorer> scorers = List.of(new NamedScorer("all", c -> Score.pass("all", "")),
                new NamedScorer("evens", c -> Score.fail("evens", "always fails"), List.of("even")));
        RunPlan plan = new RunPlan(spec(1), cases(4), bundle(RepairPolicy.NONE), client, scorers, Optional.empty(),
                RetryPolicy.NONE, Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        RunResult result = runner.run(plan, RunStore.create(tmp.resolve("run")), RunListener.NONE);

        assertThat(result.results()).extracting(r -> r.scores().size()).containsExactly(2, 1, 2, 1);
        assertThat(result.results()).extracting(CaseResult::passed).containsExactly(false, true, false, true);
        assertThat(result.summary().scorers()).filteredOn(s -> s.name().equals("evens")).singleElement()
                .satisfies(s -> assertThat(s.scored()).isEqualTo(2));
    }

    @Test
    void anOutputWithALoneSurrogateIsStoredNotFatal() {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "broken \ud800 text \uD83D\uDE00");
        RunResult result = runner.run(plan(client, cases(1), 1, 1, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(tmp.resolve("run")), RunListener.NONE);
        assertThat(result.results()).hasSize(1);
        // Stored as its escape, the lone surrogate reads back as the model wrote it.
        assertThat(RunStore.read(tmp.resolve("run")).results().get(0).output())
                .isEqualTo("broken \ud800 text \uD83D\uDE00");
    }

    @Test
    void anAnswerAtHandIsTakenOnTheRunnersOwnThreadWithoutTheWatchdogs() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ModelClient recorded = new ModelClient() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("recorded", "answers.jsonl", "sha256:rec", 0);
            }

            @Override
            public Completion complete(ModelRequest request) throws ModelCallException {
                throw new ModelCallException("complete() was called: the answer at hand was not taken", false);
            }

            @Override
            public Optional<Completion> completeAtOnce(ModelRequest request) {
                threads.add(Thread.currentThread().getName());
                return Optional.of(new Completion("answer to " + request.lastUserMessage(), 3, 4,
                        Duration.ofMillis(1), null, "stop"));
            }
        };
        RunResult result = runner.run(plan(recorded, cases(4), 1, 2, Optional.empty(), RepairPolicy.NONE),
                RunStore.create(tmp.resolve("run")), RunListener.NONE);

        assertThat(result.results()).extracting(CaseResult::error).containsOnlyNulls();
        assertThat(result.results()).extracting(CaseResult::output).contains("answer to Question 3?");
        assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("evalgate-call-"));
    }

    @Test
    void aBackendThatIgnoresItsTimeoutIsAbandonedAndOnlyItsCaseErrors() {
        ScriptedModelClient client = new ScriptedModelClient((request, n) -> {
            if (request.lastUserMessage().equals("Question 1?")) {
                try {
                    Thread.sleep(30_000); // a backend stuck far past the request's timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "fine";
        }, 1);
        RunPlan plan = new RunPlan(spec(1), cases(3), bundle(RepairPolicy.NONE), client, List.of(), Optional.empty(),
                RetryPolicy.NONE, Duration.ofMillis(200), 1, 1, BaselineOutputs.NONE);
        long started = System.nanoTime();
        RunResult result = new Runner(d -> { }, Duration.ofMillis(100)).run(plan,
                RunStore.create(tmp.resolve("run")), RunListener.NONE);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.results()).extracting(CaseResult::error).satisfiesExactly(
                e -> assertThat(e).isNull(),
                e -> assertThat(e).contains("did not answer within 300 ms"),
                e -> assertThat(e).isNull());
    }

    @Test
    void aRunBeingWrittenCannotBeResumedByASecondWriter() {
        Path dir = tmp.resolve("run");
        RunStore writing = RunStore.create(dir);
        writing.writeRecord(new RunRecord(spec(1), RunRecord.RUNNING, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunStore.resume(dir))
                .isInstanceOf(dev.evalgate.datasets.InvalidInputException.class)
                .hasMessageContaining("another evalgate process is writing this run");
        writing.close();
        RunStore.resume(dir).close();
    }

    public static List<PlannedCase> cases(int n) {
        List<PlannedCase> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(new PlannedCase(i, "c", new EvalCase("case-" + i, Map.of("q", "Question " + i + "?"),
                    Map.of(), List.of(i % 2 == 0 ? "even" : "odd"), Map.of())));
        }
        return cases;
    }

    static Bundle bundle(RepairPolicy repair) {
        return new Bundle("b", "1", "scripted:model", "be brief", "{{q}}",
                new GenerationParams(0, 100, 16, 1), repair, Map.of());
    }

    static RunSpec spec(int repeats) {
        Bundle bundle = bundle(RepairPolicy.NONE);
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            seeds.add(100L + r);
        }
        return new RunSpec("run-1", "suite", "suite.yaml", "2026-11-25T00:00:00Z", "test", bundle, bundle.digest(),
                new ModelInfo("scripted", "scripted-model", "fp", 7), List.of(new CorpusRef("c", "1", "abc", 6)),
                List.of(), repeats, seeds, 1, 5000, "host", "17", "linux");
    }

    private RunPlan plan(ModelClient client, List<PlannedCase> cases, int repeats, int concurrency,
                         Optional<OutputValidator> validator, RepairPolicy repair) {
        return new RunPlan(spec(repeats), cases, bundle(repair), client,
                List.of(new NamedScorer("nonempty", c -> Score.of("nonempty", !c.output().isEmpty(), "", Map.of()))),
                validator, new RetryPolicy(2, Duration.ZERO, 1.0), Duration.ofSeconds(5), concurrency, repeats,
                BaselineOutputs.NONE);
    }
}
