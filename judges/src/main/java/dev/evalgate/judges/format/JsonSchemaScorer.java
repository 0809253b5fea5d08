package dev.evalgate.judges.format;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.JsonProblems;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.engine.SuitePaths;
import dev.evalgate.engine.internal.Json;

/**
 * Passes when the output is JSON that validates against a JSON Schema (draft 2020-12 by default). The schema comes
 * from the scorer's {@code schema} (inline) or {@code schema_file} parameter, or else from each case's
 * {@code expected.schema}.
 */
public final class JsonSchemaScorer implements Scorer {
    private final String name;
    private final JsonSchema fixedSchema;
    private final boolean allowFenced;

    public JsonSchemaScorer(String name, JsonSchema fixedSchema, boolean allowFenced) {
        this.name = name;
        this.fixedSchema = fixedSchema;
        this.allowFenced = allowFenced;
    }

    @Override
    public Score score(ScoringContext context) {
        Optional<JsonSchema> schema;
        try {
            schema = schemaFor(context);
        } catch (IllegalArgumentException e) {
            return Score.undecided(name, "case '" + context.evalCase().id() + "': field 'expected.schema': "
                    + e.getMessage());
        }
        if (schema.isEmpty()) {
            return Score.undecided(name, "no schema: set the scorer's 'schema' or 'schema_file' parameter, or the"
                    + " case's expected.schema (case '" + context.evalCase().id() + "')");
        }
        JsonText.Parsed parsed = JsonText.parse(context.output(), allowFenced);
        if (!parsed.ok()) {
            return Score.of(name, false, parsed.problem(), Map.of());
        }
        List<String> violations = JsonSchemas.violations(schema.get(), parsed.node());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fenced", parsed.fenced());
        details.put("violations", violations);
        if (violations.isEmpty()) {
            return Score.of(name, true, "the output is valid against the schema", details);
        }
        return Score.of(name, false, violations.size() + " schema violation(s): " + String.join("; ", violations),
                details);
    }

    private Optional<JsonSchema> schemaFor(ScoringContext context) {
        if (fixedSchema != null) {
            return Optional.of(fixedSchema);
        }
        Object caseSchema = context.evalCase().expected().get("schema");
        if (caseSchema == null) {
            return Optional.empty();
        }
        return Optional.of(JsonSchemas.compile(Json.MAPPER.<JsonNode>valueToTree(caseSchema)));
    }

    public static final class Provider implements ScorerProvider {
        @Override
        public String type() {
            return "json-schema";
        }

        @Override
        public String description() {
            return "output validates against a JSON Schema, draft 2020-12 (params: schema | schema_file,"
                    + " allow_fenced; or the case's expected.schema)";
        }

        @Override
        public Scorer create(ScorerParams params, JudgeModels models) {
            params.allowOnly("schema", "schema_file", "allow_fenced");
            if (params.has("schema") && params.has("schema_file")) {
                throw params.error("schema_file", "give either 'schema' or 'schema_file', not both");
            }
            JsonSchema schema = null;
            try {
                if (params.has("schema")) {
                    schema = JsonSchemas.compile(params.map("schema"));
                } else if (params.has("schema_file")) {
                    Path file = SuitePaths.resolve(params, params.requiredString("schema_file"));
                    schema = JsonSchemas.compile(Json.MAPPER.readTree(InputFiles.readText(file, InputKind.SCHEMA)));
                }
            } catch (JsonProcessingException e) {
                throw params.error("schema_file", "the schema file is not valid JSON: " + JsonProblems.problem(e));
            } catch (InvalidInputException e) {
                throw params.error("schema_file", e.getMessage());
            } catch (IllegalArgumentException e) {
                throw params.error(params.has("schema") ? "schema" : "schema_file", e.getMessage());
            }
            return new JsonSchemaScorer(params.spec().name(), schema, params.bool("allow_fenced", false));
        }
    }
}
