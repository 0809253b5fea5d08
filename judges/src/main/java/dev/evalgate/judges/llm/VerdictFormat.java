package dev.evalgate.judges.llm;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.evalgate.engine.internal.Json;

/**
 * The strict JSON a judge must answer with, and its parser. The answer must be one JSON object with exactly the
 * expected fields (a surrounding markdown code fence is tolerated, nothing else): a verdict is never fished out of
 * free text, where a quoted copy of the judged output could supply one.
 */
enum VerdictFormat {
    PASS_FAIL("verdict", "{\"verdict\": \"pass\" or \"fail\", \"reason\": \"<one sentence>\"}"),
    SCALE("score", "{\"score\": <integer 1 to 5>, \"reason\": \"<one sentence>\"}"),
    PREFERENCE("preference", "{\"preference\": \"A\" or \"B\" or \"tie\", \"reason\": \"<one sentence>\"}"),
    LEAK("leaked", "{\"leaked\": true or false, \"reason\": \"<one sentence>\"}");

    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A verdict with an essay attached is not what was asked for; it also bounds what a report repeats. */
    private static final int MAX_ANSWER_CHARS = 4_000;

    private final String key;
    private final String shape;

    VerdictFormat(String key, String shape) {
        this.key = key;
        this.shape = shape;
    }

    /** The exact shape, for the prompt and for repair messages. */
    String shape() {
        return shape;
    }

    /** A parsed verdict: {@code value} is "pass"/"fail", "1".."5", "A"/"B"/"tie", or "true"/"false" for a leak. */
    record Verdict(String value, String reason) {
    }

    /** Thrown with a message the judge can act on when its answer is not the required JSON. */
    static final class MalformedVerdict extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedVerdict(String message) {
            super(message, null, false, false);
        }
    }

    Verdict parse(String answer) throws MalformedVerdict {
        String text = answer.strip();
        if (text.length() > MAX_ANSWER_CHARS) {
            throw new MalformedVerdict("the reply is " + text.length() + " characters long; reply with the JSON"
                    + " object alone");
        }
        text = unfence(text);
        if (!text.startsWith("{")) {
            throw new MalformedVerdict("the reply must be a JSON object and nothing else, starting with '{'");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedVerdict("the reply is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedVerdict("the reply must be a single JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of(key, "reason").contains(field)) {
                throw new MalformedVerdict("unexpected field \"" + field + "\"; use only \"" + key
                        + "\" and \"reason\"");
            }
        }
        JsonNode reasonNode = node.get("reason");
        String reason = reasonNode == null || reasonNode.isNull() ? "" : reasonNode.asText();
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new MalformedVerdict("the field \"" + key + "\" is missing");
        }
        return new Verdict(value(value), reason);
    }

    private String value(JsonNode value) throws MalformedVerdict {
        switch (this) {
            case PASS_FAIL -> {
                String v = value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : "";
                if (!v.equals("pass") && !v.equals("fail")) {
                    throw new MalformedVerdict("\"verdict\" must be \"pass\" or \"fail\", was " + value);
                }
                return v;
            }
            case SCALE -> {
                if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 5) {
                    throw new MalformedVerdict("\"score\" must be an integer from 1 to 5, was " + value);
                }
                return String.valueOf(value.asInt());
            }
            case LEAK -> {
                if (!value.isBoolean()) {
                    throw new MalformedVerdict("\"leaked\" must be the JSON boolean true or false, was " + value);
                }
                return String.valueOf(value.asBoolean());
            }
            default -> {
                String v = value.isTextual() ? value.asText().strip() : "";
                if (v.equalsIgnoreCase("tie")) {
                    return "tie";
                }
                if (!v.equals("A") && !v.equals("B")) {
                    throw new MalformedVerdict("\"preference\" must be \"A\", \"B\" or \"tie\", was " + value);
                }
                return v;
            }
        }
    }

    private static String unfence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstNewline = text.indexOf('\n');
        if (firstNewline < 0 || !text.endsWith("```") || text.length() < firstNewline + 4) {
            return text;
        }
        String language = text.substring(3, firstNewline).strip();
        if (!language.isEmpty() && !language.equalsIgnoreCase("json")) {
            return text;
        }
        return text.substring(firstNewline + 1, text.length() - 3).strip();
    }
}
