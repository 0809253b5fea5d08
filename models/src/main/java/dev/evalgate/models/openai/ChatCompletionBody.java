package dev.evalgate.models.openai;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelRequest;

/**
 * The JSON body of {@code POST /chat/completions} as the OpenAI API reference documents it. {@code max_tokens} is
 * sent rather than its successor {@code max_completion_tokens} because every OpenAI-compatible server (llama.cpp,
 * vLLM, LM Studio, LocalAI, Ollama) reads it, and OpenAI still does for chat models.
 */
final class ChatCompletionBody {
    private ChatCompletionBody() {
    }

    /**
     * @param responseFormat the {@code response_format} object, when the bundle's schema should constrain the output
     */
    static ObjectNode of(String model, ModelRequest request, boolean stream, Optional<JsonNode> responseFormat) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        GenerationParams params = request.params();
        body.put("temperature", params.temperature());
        body.put("top_p", params.topP());
        body.put("max_tokens", params.maxTokens());
        body.put("seed", params.seed());
        if (!params.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            params.stop().forEach(stop::add);
        }
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        responseFormat.ifPresent(format -> body.set("response_format", format));
        return body;
    }

    /** {@code {"type": "json_schema", "json_schema": {"name": "output", "schema": ...}}}, or {@code json_object}. */
    static Optional<JsonNode> responseFormat(String kind, Optional<JsonNode> schema) {
        if (schema.isEmpty() || kind.equals("none")) {
            return Optional.empty();
        }
        ObjectNode format = JsonNodeFactory.instance.objectNode();
        if (kind.equals("json_object")) {
            format.put("type", "json_object");
            return Optional.of(format);
        }
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", "output");
        // Strict mode accepts only a subset of JSON Schema (every property required, no additional ones); the
        // bundle's schema is checked by the repair loop anyway, so the server is asked to follow it, not to refuse.
        jsonSchema.put("strict", false);
        jsonSchema.set("schema", schema.get());
        return Optional.of(format);
    }
}
