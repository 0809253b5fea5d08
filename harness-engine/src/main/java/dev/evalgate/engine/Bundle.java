package dev.evalgate.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apiguardian.api.API;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.PlainData;
import dev.evalgate.engine.internal.Json;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * The release unit under test: prompt template, model, sampling parameters and repair rules, versioned together.
 *
 * @param template     the user message; {@code {{name}}} is replaced by the case's input variable {@code name}
 * @param outputSchema a JSON Schema the output must satisfy, or empty; turns on the repair loop
 */
@API(status = STABLE, since = "0.1.0")
public record Bundle(String id, String version, String model, String system, String template,
                     GenerationParams params, RepairPolicy repair, Map<String, Object> outputSchema) {
    public Bundle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(model, "model");
        system = system == null ? "" : system;
        template = template == null ? "{{input}}" : template;
        params = params == null ? GenerationParams.DEFAULTS : params;
        repair = repair == null ? RepairPolicy.NONE : repair;
        outputSchema = PlainData.immutableMap(outputSchema);
    }

    /**
     * sha256 of the bundle's canonical JSON: two runs with equal digests evaluated the same release unit, whatever
     * the file's formatting or key order.
     */
    public String digest() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("id", id);
        canonical.put("version", version);
        canonical.put("model", model);
        canonical.put("system", system);
        canonical.put("template", template);
        canonical.put("params", params);
        canonical.put("repair", repair);
        canonical.put("outputSchema", outputSchema);
        try {
            return ContentHash.sha256(Json.CANONICAL.writeValueAsBytes(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundle is plain data and always serialises", e);
        }
    }

    public String label() {
        return id + "@" + version;
    }

    public Bundle withModel(String newModel) {
        return new Bundle(id, version, newModel, system, template, params, repair, outputSchema);
    }
}
