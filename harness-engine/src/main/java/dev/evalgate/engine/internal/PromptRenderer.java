package dev.evalgate.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.ChatMessage;

/**
 * Renders a bundle's template with a case's input variables. {@code {{name}}} is replaced by the variable's text
 * (objects and lists as JSON). A case whose input holds {@code messages} is sent as that chat, unrendered.
 *
 * <p>Substitution is a single pass: text coming from a case is never re-read as template syntax, so a corpus
 * cannot inject placeholders.
 */
public final class PromptRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private PromptRenderer() {
    }

    /** Variables the template needs that the case does not provide. */
    public static List<String> missingVariables(String template, EvalCase evalCase) {
        if (evalCase.input().containsKey("messages")) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!evalCase.input().containsKey(m.group(1)) && !missing.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        return missing;
    }

    public static String render(String template, Map<String, Object> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The chat to send for a case: its own messages, or the rendered template as one user message. */
    public static List<ChatMessage> messages(String template, EvalCase evalCase) {
        Optional<List<ChatMessage>> chat = chat(evalCase);
        return chat.orElseGet(() -> List.of(ChatMessage.user(render(template, evalCase.input()))));
    }

    private static Optional<List<ChatMessage>> chat(EvalCase evalCase) {
        Object messages = evalCase.input().get("messages");
        if (!(messages instanceof List<?> list)) {
            return Optional.empty();
        }
        List<ChatMessage> chat = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map && map.get("role") != null && map.get("content") != null) {
                chat.add(new ChatMessage(map.get("role").toString(), map.get("content").toString()));
            } else {
                throw new IllegalArgumentException("case " + evalCase.id()
                        + ": input.messages must be a list of {role, content}");
            }
        }
        return Optional.of(chat);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map || value instanceof List) {
            try {
                return Json.CANONICAL.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return value.toString();
    }
}
