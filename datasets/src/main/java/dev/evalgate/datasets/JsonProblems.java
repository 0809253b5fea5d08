package dev.evalgate.datasets;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what is wrong with a JSON document in the terms of the file, not of the parser: "field 'stats.latencyMs':
 * expected a number" rather than Jackson's "Cannot deserialize value of type `double` from ... JsonToken...".
 */
public final class JsonProblems {
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker at )?\\[Source: .*?\\]\\)?");

    private JsonProblems() {
    }

    /** The field at fault as a dotted path ({@code scores[0].value}), or null when the whole document is. */
    public static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** What is wrong, in words a user can act on. */
    public static String problem(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage() == null ? "invalid value" : cause.getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + describe(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException) {
            return "invalid value";
        }
        String message = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
        return "malformed JSON: " + SOURCE.matcher(message).replaceAll("");
    }

    /** The line of the problem in the document, 0 when unknown. */
    public static int line(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a text value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the known values";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type == Object.class) {
            return "an object";
        }
        return "a different kind of value";
    }
}
