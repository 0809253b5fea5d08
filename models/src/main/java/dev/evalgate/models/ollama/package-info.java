/**
 * The {@code ollama} backend: models served by an Ollama server, through Ollama4j. This is the only package that
 * imports Ollama4j or Testcontainers.
 *
 * <h2>Choosing the server</h2>
 * A bundle names the model as Ollama does, {@code model: ollama:qwen2.5:0.5b}; where it is served is a property of
 * the run, not of the bundle, so the same bundle (and its digest, and its baseline) serves on a laptop and in CI:
 * <ul>
 *   <li>the user's server: {@code --ollama-url URL} (setting {@code ollama.url}), else {@code $OLLAMA_HOST} (also
 *       in Ollama's own forms {@code host:port} and {@code 0.0.0.0}), else {@code http://localhost:11434};</li>
 *   <li>a server in Docker: {@code --ollama-container} (setting {@code ollama.container=true}) starts
 *       {@code ollama/ollama} through Testcontainers (image pinned, override with {@code ollama.image}), pulls the
 *       model into the Docker volume {@code evalgate-ollama-models} once per machine, and serves every suite and
 *       test class of the process from the same container; with {@code testcontainers.reuse.enable=true} in
 *       {@code ~/.testcontainers.properties} the container also survives the run;</li>
 *   <li>{@code --backend auto} (setting {@code ollama.fallback=embedded}): the user's server if it answers, else
 *       the embedded engine with the same weights from its catalog; {@code --model PATH} always runs the bundle on
 *       that local file. The run records which backend served it and that model's fingerprint.</li>
 * </ul>
 * Opening a client checks that the server has the model ("model X not pulled on URL; run `ollama pull X`"),
 * pulling it only into a container or when {@code ollama.pull=true}, records the model's digest as its
 * fingerprint, and loads it so the first case does not pay for loading.
 *
 * <h2>Calls</h2>
 * Every call streams, so time to first token is measured; tokens come from Ollama's {@code prompt_eval_count} and
 * {@code eval_count}. Calls to one server are bounded across the process ({@code ollama.maxConcurrency}, default
 * 4). Failures are classified for the runner, which owns retries with backoff (this package never retries, so no
 * call is retried twice over): connection errors, timeouts, HTTP 5xx, 429 and a stream cut short are transient;
 * HTTP 4xx (a 404 says which model to pull) and answers that are not Ollama's JSON are final. Each call ends at
 * its {@code ModelRequest.timeout()}, however the server behaves.
 *
 * <h2>Where Ollama4j 1.1.6 is worked around</h2>
 * Its {@code Ollama.chat} drops the HTTP status of a failed call (a retryable 500 and a final 404 become the same
 * exception), times out only in whole seconds and only until the headers arrive, logs and skips malformed
 * streamed lines, and opens a new HTTP client per call. {@link dev.evalgate.models.ollama.OllamaChatCall} extends
 * Ollama4j's {@code OllamaChatEndpointCaller}, keeping its request model, JSON form, authentication and response
 * model, and replaces only the exchange loop; the per-call deadline runs the exchange on a worker thread that is
 * interrupted at the deadline. Listing and pulling models use Ollama4j's {@code Ollama} API as it is.
 */
package dev.evalgate.models.ollama;
