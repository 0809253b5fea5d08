package dev.evalgate.judges.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces detected values by placeholders such as {@code [EMAIL_1]} or {@code [SECRET_2]}. One redactor is one
 * scope (a case): the same value, however it is formatted, always gets the same placeholder in it, so a redacted
 * conversation still shows that the address in the question and in the answer are the same one. Not thread-safe.
 */
public final class Redactor {
    private final PrivacyScanner scanner;
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private int replaced;

    public Redactor(PrivacyScanner scanner) {
        this.scanner = scanner;
    }

    public String redact(String text) {
        List<Finding> findings = scanner.find(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding finding : findings) {
            out.append(text, at, finding.start()).append(placeholder(finding));
            at = finding.end();
            replaced++;
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Redacts every text inside a JSON-like value (maps, lists, strings); other values are kept. */
    public Object redactValue(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), redactValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::redactValue).toList();
        }
        return value;
    }

    /** How many values were replaced so far. */
    public int replaced() {
        return replaced;
    }

    private String placeholder(Finding finding) {
        String label = finding.category().equals(Finding.SECRET) ? "SECRET" : finding.kind().toUpperCase(Locale.ROOT);
        return placeholders.computeIfAbsent(finding.category() + ":" + finding.normalized(),
                k -> "[" + label + "_" + counters.merge(label, 1, Integer::sum) + "]");
    }
}
