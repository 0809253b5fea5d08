package dev.evalgate.datasets.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An assertion written as text, as a promptfoo CSV's {@code __expected} columns hold it: {@code TYPE:VALUE},
 * {@code not-TYPE:VALUE}, {@code TYPE(THRESHOLD):VALUE} or a bare {@code TYPE}; {@code javascript:}, {@code fn:},
 * {@code eval:}, {@code python:}, {@code grade:} and {@code llm-rubric:} prefixes and {@code file://} scripts name
 * code or a rubric; any other text is the output the model must give ({@code equals}). The value of
 * {@code contains-all}, {@code contains-any} and their case-blind forms is a comma-separated list.
 */
final class PromptfooAssertionText {
    /** The assertion types promptfoo recognises in such text; other text before a colon is a value to equal. */
    private static final Set<String> TYPES = Set.of("answer-relevance", "bleu", "classifier", "contains",
            "contains-all", "contains-any", "contains-html", "contains-json", "contains-sql", "contains-xml",
            "context-faithfulness", "context-recall", "context-relevance", "conversation-relevance", "cost",
            "equals", "factuality", "finish-reason", "g-eval", "gleu", "guardrails", "icontains", "icontains-all",
            "icontains-any", "is-html", "is-json", "is-refusal", "is-sql", "is-valid-function-call",
            "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml", "javascript", "latency",
            "levenshtein", "llm-rubric", "meteor", "model-graded-closedqa", "model-graded-factuality", "moderation",
            "perplexity", "perplexity-score", "pi", "python", "regex", "rouge-n", "ruby", "similar", "starts-with",
            "webhook", "word-count");
    private static final Pattern TYPED = Pattern.compile("^(not-)?([a-z][a-z0-9-]*)(?:\\((\\d+(?:\\.\\d+)?)\\))?"
            + "(?::(.*))?$", Pattern.DOTALL);
    private static final List<String> CODE = List.of("javascript:", "fn:", "eval:");
    private static final List<String> RUBRIC = List.of("grade:", "llm-rubric:");

    /** What the text asks: the assertion's type and its value (a string, a list of strings, or null). */
    record Parsed(String type, Object value) {
    }

    private PromptfooAssertionText() {
    }

    static Parsed parse(String text) {
        for (String prefix : CODE) {
            if (text.startsWith(prefix)) {
                return new Parsed("javascript", text.substring(prefix.length()).trim());
            }
        }
        for (String prefix : RUBRIC) {
            if (text.startsWith(prefix)) {
                return new Parsed("llm-rubric", text.substring(prefix.length()));
            }
        }
        if (text.startsWith("python:")) {
            return new Parsed("python", text.substring("python:".length()).trim());
        }
        if (text.startsWith("file://")) {
            String target = text.substring("file://".length()).trim();
            if (target.endsWith(".py") || target.contains(".py:")) {
                return new Parsed("python", target);
            }
            if (target.matches(".*\\.(js|ts)(:.*)?")) {
                return new Parsed("javascript", target);
            }
        }
        Matcher m = TYPED.matcher(text);
        if (m.matches() && TYPES.contains(m.group(2))) {
            String type = (m.group(1) == null ? "" : m.group(1)) + m.group(2);
            String value = m.group(4);
            if (value != null && m.group(2).matches("i?contains-(all|any)")) {
                List<String> values = new ArrayList<>();
                for (String item : value.split(",")) {
                    values.add(item.trim());
                }
                return new Parsed(type, values);
            }
            return new Parsed(type, value == null || value.isBlank() && m.group(2).equals("is-json") ? null : value);
        }
        return new Parsed("equals", text);
    }
}
