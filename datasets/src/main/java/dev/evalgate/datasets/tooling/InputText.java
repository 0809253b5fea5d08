package dev.evalgate.datasets.tooling;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.evalgate.datasets.EvalCase;

/**
 * The text a case puts in front of the model, for comparing inputs: a chat's message contents, otherwise the input
 * variables in name order. Normalised text ignores case, Unicode compatibility forms and spacing, so two inputs that
 * differ only there count as the same.
 */
public final class InputText {
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private InputText() {
    }

    public static String of(EvalCase evalCase) {
        List<String> parts = new ArrayList<>();
        Object messages = evalCase.input().get("messages");
        if (messages instanceof List<?> list) {
            for (Object message : list) {
                parts.add(message instanceof Map<?, ?> map && map.get("content") != null
                        ? map.get("content").toString() : json(message));
            }
            return String.join("\n", parts);
        }
        new TreeMap<>(evalCase.input()).forEach((name, value) ->
                parts.add(value instanceof String s ? s : json(value)));
        return String.join("\n", parts);
    }

    /**
     * The text of only the named input variables, in the order given; variables the case lacks are skipped. Lets
     * corpora that share a long instruction be compared on the part that differs ({@code text}, {@code question}).
     */
    public static String of(EvalCase evalCase, List<String> variables) {
        if (variables.isEmpty()) {
            return of(evalCase);
        }
        List<String> parts = new ArrayList<>();
        for (String name : variables) {
            Object value = evalCase.input().get(name);
            if (value != null) {
                parts.add(value instanceof String s ? s : json(value));
            }
        }
        return String.join("\n", parts);
    }

    public static String normalized(EvalCase evalCase) {
        return normalize(of(evalCase));
    }

    /** Case, Unicode compatibility forms and runs of spaces folded. */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(folded).replaceAll(" ").strip();
    }

    /** The words of the normalised text, punctuation dropped. */
    public static List<String> words(EvalCase evalCase) {
        return wordsOf(normalized(evalCase));
    }

    /** The words of an already normalised text, punctuation dropped. */
    public static List<String> wordsOf(String normalizedText) {
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(normalizedText)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
