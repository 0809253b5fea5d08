package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The outcome of one repeat of one case: one line of {@code results.jsonl}.
 *
 * @param corpus          the corpus the case came from; with {@code caseId} it forms the case's {@link #key()}
 * @param prompt          the rendered user message (capped), so reports need not reread the corpus
 * @param output          the model's output (capped at {@link #MAX_OUTPUT_CHARS}); empty when the call failed
 * @param error           why the case could not be evaluated, or null
 * @param repairAttempts  extra calls the repair loop made
 * @param fallbackUsed    the output is the bundle's fallback because every attempt failed validation
 * @param judgeStats      usage of the judge calls each scorer made for this result, by scorer name (what the
 *                        judge cost); absent from the file when no judge was called
 */
@API(status = STABLE, since = "0.1.0")
public record CaseResult(String corpus, String caseId, int repeat, String traceId, List<String> tags,
                         String prompt, String output, boolean outputTruncated, CallStats stats,
                         List<Score> scores, String error, int repairAttempts, boolean fallbackUsed,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, CallStats> judgeStats) {
    /** Model outputs are hostile input: a runaway output is cut to this size before it is stored or reported. */
    public static final int MAX_OUTPUT_CHARS = 64 * 1024;

    public CaseResult {
        Objects.requireNonNull(caseId, "caseId");
        corpus = corpus == null ? "" : corpus;
        tags = tags == null ? List.of() : List.copyOf(tags);
        prompt = prompt == null ? "" : prompt;
        output = output == null ? "" : output;
        stats = stats == null ? CallStats.NONE : stats;
        scores = scores == null ? List.of() : List.copyOf(scores);
        judgeStats = judgeStats == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(judgeStats));
    }

    /** A result without judge calls. */
    public CaseResult(String corpus, String caseId, int repeat, String traceId, List<String> tags,
                      String prompt, String output, boolean outputTruncated, CallStats stats,
                      List<Score> scores, String error, int repairAttempts, boolean fallbackUsed) {
        this(corpus, caseId, repeat, traceId, tags, prompt, output, outputTruncated, stats, scores, error,
                repairAttempts, fallbackUsed, Map.of());
    }

    /** Identity of the case across runs, the key of the baseline diff. */
    public String key() {
        return corpus.isEmpty() ? caseId : corpus + "/" + caseId;
    }

    @JsonIgnore
    public boolean errored() {
        return error != null;
    }

    /** Passed means: evaluated, and every scorer passed. */
    @JsonIgnore
    public boolean passed() {
        return error == null && scores.stream().allMatch(Score::passed);
    }

    /** How {@link #error} records a scorer that threw; {@link #failedScorers} reads the names back. */
    public static String scorerFailure(String scorerName, RuntimeException e) {
        return "scorer '" + scorerName + "' failed: " + e;
    }

    private static final Pattern SCORER_FAILURE = Pattern.compile("(?:^|; )scorer '([^']*)' failed: ");

    /** The scorers that threw on this case, whose output the model did give; empty if none threw. */
    @JsonIgnore
    public List<String> failedScorers() {
        List<String> names = new ArrayList<>();
        if (error != null) {
            Matcher m = SCORER_FAILURE.matcher(error);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    public java.util.Optional<Score> score(String scorerName) {
        return scores.stream().filter(s -> s.name().equals(scorerName)).findFirst();
    }

    public static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
