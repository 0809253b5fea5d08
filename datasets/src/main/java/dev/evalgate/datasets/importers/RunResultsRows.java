package dev.evalgate.datasets.importers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * The {@code results.jsonl} of an evalgate run (or the run directory holding it), so yesterday's outputs can become
 * tomorrow's references once a person has reviewed them. Each case's first usable repeat becomes a case: its input
 * variables as the run's corpus holds them, found through the run's {@code run.json} ({@link RunCorpusInputs}), so
 * the case renders again under a new template; when that corpus cannot be found as the run evaluated it, the
 * rendered prompt as the plain-text input ({@code input.input}, evaluated with a template of {@code {{input}}});
 * its output as {@code expected.reference}, its tags plus {@code needs-review}, and the run, corpus and scorer
 * verdicts in metadata. An errored or truncated result has no usable output and is listed as a bad row.
 */
final class RunResultsRows implements RecordReader {
    static final String NEEDS_REVIEW = "needs-review";

    @Override
    public void read(Path source, FieldMapping mapping, String idPrefix, RowSink sink) {
        Path file = Files.isDirectory(source) ? source.resolve("results.jsonl") : source;
        Set<String> done = new HashSet<>();
        // a repeat that errored is a bad row only if no other repeat of the case gave a usable output
        Map<String, InvalidInputException> unusable = new LinkedHashMap<>();
        int[] repeats = {0};
        int[] rendered = {0};
        RunCorpusInputs corpora = RunCorpusInputs.of(file);
        SourceLineReader.forEach(file, InputKind.RESULTS, sink, (line, text) -> {
            try {
                JsonNode row = OpenAiEvalsSamples.parse(file, line, text);
                String caseId = row.path("caseId").asText("");
                if (caseId.isBlank()) {
                    throw new InvalidInputException(file, line, "caseId", "not a result line of an evalgate run"
                            + " (no caseId)");
                }
                String key = row.path("corpus").asText("") + "\u0000" + caseId;
                if (done.contains(key)) {
                    repeats[0]++;
                    return;
                }
                if (!row.path("error").isNull() && !row.path("error").isMissingNode()) {
                    throw new InvalidInputException(file, line, "error", "case '" + caseId + "' errored in this run ("
                            + abbreviate(row.path("error").asText()) + "): no output to review");
                }
                if (!row.path("output").isTextual()) {
                    throw new InvalidInputException(file, line, "output", "case '" + caseId + "' has no output");
                }
                if (row.path("outputTruncated").asBoolean(false)) {
                    throw new InvalidInputException(file, line, "output", "case '" + caseId + "': the stored output"
                            + " was truncated, so it cannot serve as a reference");
                }
                String corpus = row.path("corpus").asText("");
                Optional<Map<String, Object>> variables = corpora.input(corpus, caseId);
                Map<String, Object> input = variables.orElseGet(() -> Map.of("input", row.path("prompt").asText("")));
                if (variables.isEmpty()) {
                    rendered[0]++;
                }
                Map<String, Object> expected = Map.of("reference", row.path("output").asText());
                List<String> tags = new ArrayList<>();
                row.path("tags").forEach(t -> tags.add(t.asText()));
                if (!tags.contains(NEEDS_REVIEW)) {
                    tags.add(NEEDS_REVIEW);
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                String traceId = row.path("traceId").asText("");
                metadata.put("run_id", traceId.contains("/") ? traceId.substring(0, traceId.indexOf('/')) : traceId);
                metadata.put("corpus", row.path("corpus").asText(""));
                metadata.put("repeat", row.path("repeat").asInt());
                metadata.put("input_from", variables.isPresent() ? "corpus " + corpora.describe(corpus)
                        : "rendered prompt");
                Map<String, Object> verdicts = new LinkedHashMap<>();
                row.path("scores").forEach(s -> verdicts.put(s.path("name").asText(),
                        s.path("passed").isBoolean() ? s.path("passed").asBoolean() : null));
                metadata.put("scores_passed", verdicts);
                metadata.put("source_line", line);
                done.add(key);
                unusable.remove(key);
                sink.accept(line, new EvalCase(caseId, input, expected, tags, metadata));
            } catch (InvalidInputException e) {
                String key = caseKey(text);
                if (key == null) {
                    sink.problem(e);
                } else {
                    unusable.putIfAbsent(key, e);
                }
            }
        });
        unusable.forEach((key, problem) -> {
            if (!done.contains(key)) {
                sink.problem(problem);
            }
        });
        if (rendered[0] > 0) {
            sink.note(file + ": " + rendered[0] + " case(s) take the rendered prompt as input ({{input}}), not"
                    + " their input variables" + (corpora.misses().isEmpty() ? "" : ": "
                    + String.join("; ", corpora.misses())));
        }
        if (repeats[0] > 0) {
            sink.note(file + ": " + repeats[0] + " further repeat(s) of cases already imported left out (the first"
                    + " usable repeat of each case is kept)");
        }
    }

    /** The corpus and case of a result line that parses and names its case, or null. */
    private static String caseKey(String text) {
        try {
            JsonNode row = SourceFiles.JSON.readTree(text);
            String caseId = row.path("caseId").asText("");
            return caseId.isBlank() ? null : row.path("corpus").asText("") + "\u0000" + caseId;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
