/**
 * The {@code openai} backend: {@code model: openai:MODEL} runs a bundle on any server that speaks the OpenAI
 * chat-completions protocol: llama.cpp's {@code llama-server}, vLLM, LM Studio, LocalAI, Ollama's {@code /v1}, and
 * hosted APIs.
 *
 * <h2>Server and key</h2>
 * The API root (the URL that {@code /chat/completions} hangs off, usually ending in {@code /v1}) comes from
 * {@code --openai-url} (setting {@code openai.url}), else {@code $OPENAI_BASE_URL}, else the bundle's
 * {@code openai: {base_url: ...}} section, else {@code https://api.openai.com/v1}. The section is not part of the
 * bundle's digest: where a model is served is not what is evaluated, so the same bundle and baseline serve against a
 * laptop's llama-server and CI's vLLM. The API key is read from the environment only: {@code $OPENAI_API_KEY}, or
 * the variable that {@code --openai-key-env NAME} (or the section's {@code api_key_env}) names. It is held in memory,
 * sent only in the {@code Authorization} header, never put in the model's identity, a cache key, {@code run.json},
 * a result, a report or a message (server error text that echoes it is masked), and a URL carrying credentials is
 * refused.
 *
 * <h2>Calls</h2>
 * Each call sends the bundle's temperature, top_p, max_tokens, seed and stop sequences, streams (server-sent
 * events, {@code stream_options.include_usage} so the last chunk carries the token usage) and measures the time to
 * the first content delta; {@code openai.stream=false} asks for one JSON answer instead, and a server that answers
 * with JSON to a streamed request is read as such. When the bundle has an {@code output_schema} it is passed as
 * {@code response_format} ({@code json_schema}, not strict, since the repair loop checks the output anyway;
 * {@code openai.responseFormat} chooses {@code json_object} or {@code none}). Calls to one server are bounded across
 * the process ({@code --openai-concurrency}, default 4). Failures are classified for the runner, which owns retries
 * with backoff: connection errors, timeouts, HTTP 408/425/429/5xx, an error event and a stream cut short are
 * transient, and a {@code Retry-After} header makes the runner wait at least that long (at most the call's
 * timeout); HTTP 400/401/403/404 and answers that are not chat-completions JSON are final. Each call ends at its
 * {@code ModelRequest.timeout()}, a stream that stalls halfway included.
 *
 * <h2>Identity</h2>
 * Opening a client reads {@code GET /models}: a model the server does not list is refused with the list (except on
 * a server listing one model, as llama-server does, which serves it under any name), and the listed entry (id,
 * owner, vLLM's root, llama.cpp's metadata; not its {@code created} time) is hashed into the fingerprint, so the
 * inference cache, the cassettes and {@code require_same: [model]} tell different served weights apart where the
 * server says what it serves. A one-token probe request then reads the {@code system_fingerprint} that chat
 * responses report (the server build: llama.cpp's release, OpenAI's backend configuration) into the fingerprint too,
 * so entries recorded against one build are stale against another. With a response format the fingerprint also carries its hash. A server without a
 * model list gives no fingerprint, and the cache keys by the model's name.
 *
 * <h2>Why not the official SDK</h2>
 * {@code com.openai:openai-java} 4.8.0 resolves from Maven Central, but it would add a 28 MB core jar, the Kotlin
 * standard library and reflection, OkHttp with Okio, Apache HttpClient 5 and a second Jackson line (2.18, where the
 * project pins 2.21) to a CLI that must start fast; it retries by itself (which would double the runner's retries
 * unless turned off), its streaming API hides the moment the first byte arrives, and it validates responses against
 * OpenAI's own schema, which the compatible servers this backend exists for do not always follow. The protocol
 * this backend needs is one POST and one GET; the JDK's HTTP client and Jackson, already on the class path, speak
 * it with full control over timing, deadlines and error classes.
 */
package dev.evalgate.models.openai;
