package dev.evalgate.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.OutputValidator;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.engine.TraceId;
import dev.evalgate.engine.observe.ModelCall;

/**
 * Produces one {@link CaseResult}: render the prompt, call the model (retrying transient failures), run the repair
 * loop when the bundle declares an output schema, then score. Failures of the model become the case's error; the
 * run goes on.
 */
public final class CaseExecutor {
    /** Validation messages can quote the output; they go back to the model, so keep them short. */
    private static final int MAX_PROBLEM_CHARS = 500;
    private static final int MAX_PROMPT_CHARS = 16 * 1024;

    private final RunPlan plan;
    private final Sleeper sleeper;
    private final CallWatchdog watchdog;

    public CaseExecutor(RunPlan plan, Sleeper sleeper, CallWatchdog watchdog) {
        this.plan = plan;
        this.sleeper = sleeper;
        this.watchdog = watchdog;
    }

    /** The result as it will be stored: redacted when the suite asks for it, after the scores were computed. */
    public CaseResult execute(PlannedCase planned, int repeat) {
        TraceId trace = new TraceId(plan.spec().runId(), planned.key(), repeat);
        plan.observer().caseStarted(trace);
        CaseResult evaluated;
        UnaryOperator<String> mask = plan.redactor().map(StoredTextRedactor::newScope)
                .orElse(UnaryOperator.identity());
        try (CaseScope scope = CaseScope.enter(trace, plan.observer(), mask)) {
            evaluated = evaluate(planned, repeat, trace, scope);
        }
        CaseResult result = evaluated;
        CaseResult stored = plan.redactor().map(r -> StoredTextRedactor.redact(result, r.newScope())).orElse(result);
        plan.observer().caseEvaluated(stored);
        return stored;
    }

    private CaseResult evaluate(PlannedCase planned, int repeat, TraceId trace, CaseScope scope) {
        var evalCase = planned.evalCase();
        String traceId = trace.toString();
        GenerationParams params = plan.bundle().params().withSeed(plan.spec().seeds().get(repeat));
        List<ChatMessage> messages = PromptRenderer.messages(plan.bundle().template(), evalCase);
        ModelRequest request = new ModelRequest(plan.bundle().system(), messages, params, plan.timeout(), traceId,
                evalCase.input());
        String prompt = CaseResult.cap(request.lastUserMessage(), MAX_PROMPT_CHARS);

        Completion first;
        CallStats[] stats = {CallStats.NONE};
        try {
            first = call(request, stats, trace, scope);
        } catch (ModelCallException e) {
            return new CaseResult(planned.corpus(), evalCase.id(), repeat, traceId, evalCase.tags(), prompt, "",
                    false, stats[0], List.of(), "model call failed: " + plan.wording().message(e), 0, false);
        }
        String output = first.text();
        int repairs = 0;
        boolean fallback = false;
        if (plan.validator().isPresent()) {
            OutputValidator validator = plan.validator().get();
            Optional<String> problem = validator.problem(output);
            List<ChatMessage> conversation = new ArrayList<>(messages);
            while (problem.isPresent() && repairs < plan.bundle().repair().maxRetries()) {
                conversation.add(ChatMessage.assistant(output));
                conversation.add(ChatMessage.user(repairInstruction(problem.get())));
                repairs++;
                try {
                    output = call(request.withMessages(conversation), stats, trace, scope).text();
                } catch (ModelCallException e) {
                    break;
                }
                problem = validator.problem(output);
            }
            if (problem.isPresent() && plan.bundle().repair().fallback() != null) {
                output = plan.bundle().repair().fallback();
                fallback = true;
            }
        }
        boolean truncated = output.length() > CaseResult.MAX_OUTPUT_CHARS;
        output = CaseResult.cap(output, CaseResult.MAX_OUTPUT_CHARS);

        ScoringContext context = new ScoringContext(evalCase, request, output,
                plan.baselineOutputs().output(planned.key()));
        List<Score> scores = new ArrayList<>();
        List<String> scorerErrors = new ArrayList<>();
        for (NamedScorer named : plan.scorers()) {
            if (!named.appliesTo(evalCase.tags())) {
                continue;
            }
            scope.scoring(named.name());
            try {
                Score score = named.scorer().score(context);
                scores.add(score.name().equals(named.name()) ? score
                        : new Score(named.name(), score.value(), score.passed(), score.explanation(),
                        score.details()));
            } catch (RuntimeException e) {
                scorerErrors.add(CaseResult.scorerFailure(named.name(), e));
            }
        }
        String error = scorerErrors.isEmpty() ? null : String.join("; ", scorerErrors);
        return new CaseResult(planned.corpus(), evalCase.id(), repeat, traceId, evalCase.tags(), prompt, output,
                truncated, stats[0], scores, error, repairs, fallback, scope.judgeStats());
    }

    /** Calls the model, retrying transient failures with backoff; adds every completed call to {@code stats}. */
    private Completion call(ModelRequest request, CallStats[] stats, TraceId trace, CaseScope scope)
            throws ModelCallException {
        int attempt = 0;
        while (true) {
            Instant start = Instant.now();
            long began = System.nanoTime();
            try {
                Completion completion = watchdog.call(plan.client(), request);
                stats[0] = stats[0].plus(completion);
                scope.notify(new ModelCall(trace, ModelCall.Role.MODEL, Optional.empty(), plan.spec().model(),
                        request, start, Duration.ofNanos(System.nanoTime() - began), Optional.of(completion),
                        Optional.empty()));
                return completion;
            } catch (ModelCallException e) {
                scope.notify(new ModelCall(trace, ModelCall.Role.MODEL, Optional.empty(), plan.spec().model(),
                        request, start, Duration.ofNanos(System.nanoTime() - began), Optional.empty(),
                        Optional.of(e.getMessage() == null ? e.toString() : e.getMessage())));
                if (!e.isTransient() || attempt >= plan.retry().maxRetries()) {
                    throw attempt == 0 ? e : new ModelCallException(e.advice().then(" (after " + (attempt + 1)
                            + " attempts)"), e.isTransient(), e);
                }
                sleeper.sleep(waitBeforeRetry(e, attempt));
                attempt++;
            } catch (RuntimeException e) {
                // A client bug must not take the whole run down; the case records it.
                throw new ModelCallException("backend failed unexpectedly: " + e, false, e);
            }
        }
    }

    /**
     * The policy's backoff, or longer when the server said when to come back; never longer than one call may
     * take, so a server asking for an hour cannot stall the run.
     */
    private Duration waitBeforeRetry(ModelCallException failure, int attempt) {
        Duration backoff = plan.retry().backoff(attempt);
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        return wait.compareTo(plan.timeout()) > 0 ? plan.timeout() : wait;
    }

    static String repairInstruction(String problem) {
        return "Your previous answer is not valid: " + CaseResult.cap(problem, MAX_PROBLEM_CHARS)
                + "\nReply again with only the corrected output, nothing else.";
    }

    /** Waiting between retries, replaceable so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        void sleep(Duration duration);
    }
}
