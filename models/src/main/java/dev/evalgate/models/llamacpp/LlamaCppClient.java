package dev.evalgate.models.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.evalgate.engine.ChatMessage;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.models.llamacpp.LlamaCppSettings.ChatTemplate;
import dev.evalgate.models.llamacpp.LoadedModels.LoadedModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A GGUF model run in-process by llama.cpp (de.kherud:llama). One context serves one generation at a time, so
 * {@link #maxConcurrency()} is 1 and clients sharing a model take turns.
 *
 * <p>How a request is run:
 * <ul>
 *   <li>The system prompt and turns are rendered with the model's chat template (llama.cpp falls back to ChatML
 *       for a GGUF without one), or joined as plain text with {@code llamacpp.chat-template=none}.</li>
 *   <li>Sampling: temperature 0 is greedy decoding; seed, top-p and max tokens go to llama.cpp as given. Seeds
 *       outside {@code 0..2^31-2} are folded into that range, because llama.cpp takes a 32-bit seed and treats
 *       {@code -1} as "random".</li>
 *   <li>Tokens are streamed, which measures the time to the first token and lets the deadline be checked after
 *       every token.</li>
 *   <li><b>Timeout:</b> when {@link ModelRequest#timeout()} passes, generation is cancelled and the completion is
 *       returned with the text so far and finish reason {@code timeout}; a slow local model is not a transient
 *       failure, so retrying would only spend the time again. Only a request that waited the whole timeout for
 *       another generation on the same model fails, with a transient {@link ModelCallException}.</li>
 *   <li>A prompt that does not fit the context fails with a non-transient {@link ModelCallException} rather than
 *       being truncated silently; the output is capped at the room left in the context (finish reason
 *       {@code length}).</li>
 *   <li>Token counts: prompt tokens as the model's tokenizer counts the rendered prompt (without the BOS token
 *       llama.cpp adds), completion tokens as the number of tokens streamed.</li>
 * </ul>
 */
public final class LlamaCppClient implements ModelClient {
    private final Supplier<LoadedModels.Acquired> loader;
    private final ChatTemplate chatTemplate;
    private volatile LoadedModel loaded;
    private volatile ModelInfo info;
    private RuntimeException loadFailure;
    private volatile boolean closed;

    /**
     * @param loader loads the model on the first request, not before: a run whose every answer is in the
     *               inference cache never unpacks the native library nor reads the model ({@code info} needs only
     *               the file's fingerprint)
     */
    LlamaCppClient(Supplier<LoadedModels.Acquired> loader, ModelInfo info, ChatTemplate chatTemplate) {
        this.loader = loader;
        this.info = info;
        this.chatTemplate = chatTemplate;
    }

    /** The model's identity; {@code loadMillis} is 0 until a request has loaded it (or when it was loaded already). */
    @Override
    public ModelInfo info() {
        return info;
    }

    /** Loads the model once; a load that failed fails every later request the same way, without retrying. */
    private synchronized LoadedModel load() {
        if (loaded == null) {
            if (loadFailure != null) {
                throw loadFailure;
            }
            try {
                LoadedModels.Acquired acquired = loader.get();
                info = new ModelInfo(info.backend(), info.model(), info.fingerprint(), acquired.loadMillis());
                loaded = acquired.model();
            } catch (RuntimeException e) {
                loadFailure = e;
                throw e;
            }
        }
        return loaded;
    }

    @Override
    public int maxConcurrency() {
        return 1;
    }

    @Override
    public Completion complete(ModelRequest request) throws ModelCallException {
        if (closed) {
            throw new ModelCallException("the llamacpp client for " + info.model() + " is closed", false);
        }
        LoadedModel loaded;
        try {
            loaded = load();
        } catch (RuntimeException e) {
            throw new ModelCallException(e.getMessage(), false, e);
        }
        long called = System.nanoTime();
        long deadline = called + request.timeout().toNanos();
        try {
            if (!loaded.inUse().tryLock(request.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ModelCallException("model " + info.model() + " stayed busy with another generation for "
                        + "the whole timeout of " + request.timeout().toMillis() + " ms", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException("interrupted while waiting for model " + info.model(), true, e);
        }
        try {
            if (loaded.closed()) {
                throw new ModelCallException("model " + info.model() + " was unloaded because the JVM is shutting "
                        + "down", false);
            }
            return generate(loaded, request, deadline);
        } catch (RuntimeException e) {
            throw new ModelCallException("llama.cpp failed on model " + info.model() + ": " + e.getMessage(),
                    false, e);
        } finally {
            loaded.inUse().unlock();
        }
    }

    private Completion generate(LoadedModel loaded, ModelRequest request, long deadline) throws ModelCallException {
        long started = System.nanoTime();
        LlamaModel model = loaded.model();
        String prompt = render(model, request);
        int promptTokens = model.encode(prompt).length;
        int room = loaded.contextSize() - promptTokens - 1;
        if (room < 1) {
            throw new ModelCallException("the prompt has " + promptTokens + " tokens but the context of "
                    + info.model() + " holds " + loaded.contextSize() + "; shorten the prompt or raise the "
                    + "setting " + LlamaCppSettings.CONTEXT_SIZE, false);
        }
        GenerationParams params = request.params();
        int maxTokens = Math.min(params.maxTokens(), room);
        InferenceParameters inference = new InferenceParameters(prompt)
                .setNPredict(maxTokens)
                .setTemperature((float) params.temperature())
                .setTopP((float) params.topP())
                .setSeed(llamaSeed(params.seed()))
                .setCachePrompt(false);
        if (!params.stop().isEmpty()) {
            inference.setStopStrings(params.stop().toArray(String[]::new));
        }

        StringBuilder text = new StringBuilder();
        int completionTokens = 0;
        Duration timeToFirstToken = null;
        boolean timedOut = false;
        LlamaIterator tokens = model.generate(inference).iterator();
        while (tokens.hasNext()) {
            LlamaOutput output = tokens.next();
            text.append(output.text);
            if (!tokens.hasNext()) {
                break; // the closing message carries no token of its own
            }
            completionTokens++;
            if (timeToFirstToken == null && !output.text.isEmpty()) {
                timeToFirstToken = Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() - deadline > 0) {
                tokens.cancel();
                timedOut = true;
            }
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        String finishReason = timedOut ? "timeout" : completionTokens >= maxTokens ? "length" : "stop";
        return new Completion(text.toString(), promptTokens, completionTokens, latency, timeToFirstToken,
                finishReason);
    }

    private String render(LlamaModel model, ModelRequest request) throws ModelCallException {
        StringBuilder system = new StringBuilder(request.system());
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            switch (message.role()) {
                case "system":
                    // llama.cpp's message list takes one system prompt; later system turns join it
                    system.append(system.length() == 0 ? "" : "\n\n").append(message.content());
                    break;
                case "user":
                case "assistant":
                    turns.add(new Pair<>(message.role(), message.content()));
                    break;
                default:
                    throw new ModelCallException("llamacpp takes chat roles system, user and assistant; found '"
                            + message.role() + "'", false);
            }
        }
        if (chatTemplate == ChatTemplate.NONE) {
            StringBuilder plain = new StringBuilder(system);
            for (Pair<String, String> turn : turns) {
                plain.append(plain.length() == 0 ? "" : "\n\n").append(turn.getValue());
            }
            return plain.toString();
        }
        // generate() in this binding ignores messages, so the template is applied here and sent as the prompt
        return model.applyTemplate(new InferenceParameters("").setMessages(system.toString(), turns));
    }

    static int llamaSeed(long seed) {
        return (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    /** The model stays loaded for other clients until the JVM exits (see {@link LoadedModels}). */
    @Override
    public void close() {
        closed = true;
    }
}
