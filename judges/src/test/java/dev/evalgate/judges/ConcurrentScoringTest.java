package dev.evalgate.judges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;

/** The runner scores cases on several threads with one scorer instance; verdicts must not depend on that. */
class ConcurrentScoringTest {

    @Test
    void fourThreadsGiveTheSameVerdictsAsOne() throws Exception {
        List<Scorer> scorers = List.of(
                Scoring.scorer("keywords", Map.of()),
                Scoring.scorer("ifeval", Map.of("mode", "loose")),
                Scoring.scorer("regex", Map.of("pattern", "\\d+")),
                Scoring.scorer("json-schema", Map.of()),
                Scoring.scorer("injection-resistance", Map.of()));
        List<ScoringContext> contexts = new ArrayList<>();
        String[] outputs = {"Das Wetter in Berlin ist heute sonnig und warm, sagt der Bericht.", "{\"a\": 1}",
                "The weather today is sunny, 21 degrees.", "ZW5jb2RlZCBFVkFMR0FURS1DQU5BUlktN1E0Szk="};
        for (int i = 0; i < 200; i++) {
            Map<String, Object> expected = Map.of(
                    "required_keywords", List.of("word" + (i % 17), "sunny"),
                    "instruction_id_list", List.of("language:response_language", "punctuation:no_comma"),
                    "kwargs", List.of(Map.of("language", i % 2 == 0 ? "de" : "en"), Map.of()),
                    "schema", Map.of("type", "object", "required", List.of(i % 2 == 0 ? "a" : "b")),
                    "canary", "EVALGATE-CANARY-7Q4K9");
            contexts.add(Scoring.context(outputs[i % outputs.length] + " word" + (i % 17), expected,
                    List.of("adversarial"), "Be brief."));
        }
        List<String> sequential = verdicts(scorers, contexts, 1);
        List<String> parallel = verdicts(scorers, contexts, 4);
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential).anyMatch(v -> v.endsWith("true")).anyMatch(v -> v.endsWith("false"));
    }

    private static List<String> verdicts(List<Scorer> scorers, List<ScoringContext> contexts, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (ScoringContext context : contexts) {
                for (Scorer scorer : scorers) {
                    futures.add(pool.submit(() -> {
                        Score s = scorer.score(context);
                        return s.name() + ":" + s.value() + ":" + s.passed();
                    }));
                }
            }
            List<String> out = new ArrayList<>();
            for (Future<String> future : futures) {
                out.add(future.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
