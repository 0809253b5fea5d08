package dev.evalgate.judges.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.JsonSchema;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.OutputValidator;
import dev.evalgate.engine.OutputValidatorProvider;
import dev.evalgate.judges.format.JsonSchemas;
import dev.evalgate.judges.format.JsonText;

/**
 * The repair loop's check of a bundle's {@code output_schema}: the output must be one JSON value (no code fence,
 * no prose around it, since whatever consumes the output will parse it as is) that validates against the schema,
 * draft 2020-12 unless the schema says otherwise. The problem is worded for the model, which gets it back.
 */
public final class JsonSchemaOutputValidator implements OutputValidator {
    private final JsonSchema schema;

    public JsonSchemaOutputValidator(JsonSchema schema) {
        this.schema = schema;
    }

    @Override
    public Optional<String> problem(String output) {
        JsonText.Parsed parsed = JsonText.parse(output.strip(), false);
        if (!parsed.ok()) {
            return Optional.of(parsed.problem() + "; reply with the JSON value alone, no code fence or text");
        }
        List<String> violations = JsonSchemas.violations(schema, parsed.node());
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the JSON does not match the required schema: " + String.join("; ", violations));
    }

    /** Registered in {@code META-INF/services/dev.evalgate.engine.OutputValidatorProvider}. */
    public static final class Provider implements OutputValidatorProvider {
        @Override
        public OutputValidator forSchema(Map<String, Object> schema) {
            try {
                return new JsonSchemaOutputValidator(JsonSchemas.compile(schema));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(null, 0, "output_schema", e.getMessage()
                        + "; fix the bundle's output_schema");
            }
        }
    }
}
