package dev.evalgate.judges.llm;

import java.util.ArrayList;
import java.util.List;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRequest;

/**
 * Asks the judge model once and repairs a malformed answer at most {@link #MAX_REPAIRS} times by showing it the
 * problem; after that the verdict is undecided, never a pass.
 */
final class JudgeCall {
    static final int MAX_REPAIRS = 2;

    private final ModelClient judge;
    private final GenerationParams params;

    JudgeCall(ModelClient judge, GenerationParams params) {
        this.judge = judge;
        this.params = params;
    }

    /** What the judge finally said: a verdict, or why there is none. */
    sealed interface Outcome permits Decided, Undecided {
        int attempts();
    }

    record Decided(VerdictFormat.Verdict verdict, int attempts) implements Outcome {
    }

    record Undecided(String reason, int attempts) implements Outcome {
    }

    Outcome ask(String system, String prompt, VerdictFormat format) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.user(prompt));
        String lastProblem = "";
        for (int attempt = 1; attempt <= MAX_REPAIRS + 1; attempt++) {
            String answer;
            try {
                answer = judge.complete(new ModelRequest(system, messages, params, null, "")).text();
            } catch (ModelCallException e) {
                return new Undecided("the judge model could not be called: " + e.getMessage(), attempt);
            }
            try {
                return new Decided(format.parse(answer), attempt);
            } catch (VerdictFormat.MalformedVerdict e) {
                lastProblem = e.getMessage();
            }
            messages.add(ChatMessage.assistant(answer));
            messages.add(ChatMessage.user("Your reply could not be used: " + lastProblem + ". Reply again with only"
                    + " this JSON object and nothing before or after it: " + format.shape()));
        }
        return new Undecided("the judge did not answer in the required JSON after " + MAX_REPAIRS
                + " repair attempts (last problem: " + lastProblem + ")", MAX_REPAIRS + 1);
    }
}
