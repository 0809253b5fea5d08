package dev.evalgate.judges.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;

import dev.evalgate.engine.internal.Json;

/**
 * Compiles JSON Schemas (draft 2020-12 unless the schema's {@code $schema} names another draft) and validates
 * documents against them. Shared by the {@code json-schema} scorer and the bundle output validator.
 */
public final class JsonSchemas {
    /**
     * Meta-schemas come from the validator's jar; any other {@code $ref} to a remote document is refused, so a
     * schema never makes a run reach the network (or hang on it).
     */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(
                    new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
    /** The draft's meta-schema, bundled in the validator's jar: a misspelt type is reported before any output. */
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
    /** Enough to act on; a report listing a thousand violations helps nobody. */
    private static final int MAX_PROBLEMS = 10;

    private JsonSchemas() {
    }

    /** Compiles a schema given as plain data; throws {@link IllegalArgumentException} saying what is wrong. */
    public static JsonSchema compile(Map<String, Object> schema) {
        return compile(Json.MAPPER.<JsonNode>valueToTree(schema));
    }

    public static JsonSchema compile(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            throw new IllegalArgumentException("a JSON Schema must be an object or a boolean");
        }
        if (schema.isObject() && declaresDraft202012(schema)) {
            List<String> problems = violations(META_SCHEMA, schema);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("not a valid JSON Schema (draft 2020-12): "
                        + String.join("; ", problems));
            }
        }
        String badPattern = firstBadPattern(schema, "");
        if (badPattern != null) {
            throw new IllegalArgumentException(badPattern);
        }
        try {
            JsonSchema compiled = FACTORY.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (JsonSchemaException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * The validator logs a pattern it cannot compile and then ignores it, so a schema with a typo in a regular
     * expression would pass everything; it is refused here instead, with where it is.
     */
    private static String firstBadPattern(JsonNode node, String where) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = where + "/" + field.getKey();
                if (field.getKey().equals("pattern") && field.getValue().isTextual()) {
                    String problem = patternProblem(field.getValue().asText());
                    if (problem != null) {
                        return "'pattern' at " + at + " is not a valid regular expression: " + problem;
                    }
                }
                if (field.getKey().equals("patternProperties") && field.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                        String problem = patternProblem(property.getKey());
                        if (problem != null) {
                            return "'patternProperties' key at " + at + " is not a valid regular expression: "
                                    + problem;
                        }
                    }
                }
                String inner = firstBadPattern(field.getValue(), at);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String inner = firstBadPattern(node.get(i), where + "/" + i);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String patternProblem(String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
            return null;
        } catch (java.util.regex.PatternSyntaxException e) {
            return e.getDescription() + " near index " + e.getIndex();
        }
    }

    private static boolean declaresDraft202012(JsonNode schema) {
        JsonNode declared = schema.get("$schema");
        return declared == null || declared.asText().startsWith("https://json-schema.org/draft/2020-12/");
    }

    /** The violations, each as "path: message", at most {@value #MAX_PROBLEMS}; empty when valid. */
    public static List<String> violations(JsonSchema schema, JsonNode document) {
        Set<ValidationMessage> messages = schema.validate(document);
        List<String> out = new ArrayList<>();
        for (ValidationMessage message : messages) {
            if (out.size() == MAX_PROBLEMS) {
                out.add("… and " + (messages.size() - MAX_PROBLEMS) + " more");
                break;
            }
            out.add(message.getMessage());
        }
        return out;
    }
}
