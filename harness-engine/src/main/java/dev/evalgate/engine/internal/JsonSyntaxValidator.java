package dev.evalgate.engine.internal;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.engine.OutputValidator;

/** The engine's own validator when no schema-aware provider is installed: the output must be one JSON value. */
public final class JsonSyntaxValidator implements OutputValidator {
    @Override
    public Optional<String> problem(String output) {
        try {
            Json.MAPPER.readTree(output.strip());
            return output.isBlank() ? Optional.of("the output is empty; expected JSON") : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("not valid JSON: " + e.getOriginalMessage());
        }
    }
}
