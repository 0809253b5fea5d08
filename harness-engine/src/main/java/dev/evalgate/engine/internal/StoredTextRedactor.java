package dev.evalgate.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;

/**
 * Masks personal data and secrets in what a run stores, for suites with {@code redact: [pii, secrets]}. Scores are
 * computed on the real output first; then the prompt, output, error and every score explanation and detail of the
 * result are passed through one {@link #newScope() scope}, so the same value gets the same placeholder throughout
 * one result. The detectors live outside the engine and are found through {@link Provider}.
 */
public interface StoredTextRedactor {
    /** What a suite may ask to redact. */
    Set<String> KINDS = Set.of("pii", "secrets");

    /** A fresh scope for one result; not thread-safe, used by one thread. */
    UnaryOperator<String> newScope();

    /** Supplies the detectors (the judges module does); loaded with {@link ServiceLoader}. */
    interface Provider {
        StoredTextRedactor create(Set<String> kinds);
    }

    /** The redactor for these kinds, from the first provider on the class path. */
    static StoredTextRedactor load(Set<String> kinds) {
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            return provider.create(kinds);
        }
        throw new IllegalStateException("the suite asks to redact " + kinds + " but no redactor is on the class path"
                + " (it ships with evalgate-judges)");
    }

    /** The result with every stored text passed through {@code scope}; numbers, verdicts and ids are kept. */
    static CaseResult redact(CaseResult r, UnaryOperator<String> scope) {
        List<Score> scores = r.scores().stream().map(s -> new Score(s.name(), s.value(), s.passed(),
                s.explanation() == null ? null : scope.apply(s.explanation()), redactMap(s.details(), scope))).toList();
        return new CaseResult(r.corpus(), r.caseId(), r.repeat(), r.traceId(), r.tags(), scope.apply(r.prompt()),
                scope.apply(r.output()), r.outputTruncated(), r.stats(), scores,
                r.error() == null ? null : scope.apply(r.error()), r.repairAttempts(), r.fallbackUsed(), r.judgeStats());
    }

    private static Map<String, Object> redactMap(Map<String, Object> map, UnaryOperator<String> scope) {
        if (map == null) {
            return null;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, redactValue(v, scope)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value, UnaryOperator<String> scope) {
        if (value instanceof String s) {
            return scope.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap((Map<String, Object>) map, scope);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> redactValue(v, scope)).toList();
        }
        return value;
    }
}
