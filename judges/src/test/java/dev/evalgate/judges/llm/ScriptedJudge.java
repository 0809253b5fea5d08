package dev.evalgate.judges.llm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;

/**
 * A judge model at the boundary: answers from a queue (or a function of the request) and records every request,
 * so tests can check what the judge was shown.
 */
final class ScriptedJudge implements ModelClient {
    private final Deque<String> answers = new ArrayDeque<>();
    private final Function<ModelRequest, String> responder;
    final List<ModelRequest> requests = new ArrayList<>();

    ScriptedJudge(String... answers) {
        this.answers.addAll(List.of(answers));
        this.responder = null;
    }

    ScriptedJudge(Function<ModelRequest, String> responder) {
        this.responder = responder;
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("scripted", "scripted-judge", "", 0);
    }

    @Override
    public synchronized Completion complete(ModelRequest request) throws ModelCallException {
        requests.add(request);
        String text;
        if (responder != null) {
            text = responder.apply(request);
        } else {
            if (answers.isEmpty()) {
                throw new ModelCallException("scripted judge has no answer left", false);
            }
            text = answers.removeFirst();
        }
        return new Completion(text, 10, 10, Duration.ofMillis(1), null, "stop");
    }

    /** The prompt of the n-th request (its first user message). */
    String prompt(int n) {
        return requests.get(n).messages().get(0).content();
    }
}
