package dev.evalgate.models.ollama;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.response.Model;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;

/**
 * The {@code ollama} backend: {@code ollama:qwen2.5:0.5b} in a bundle. The server is the user's ({@link
 * OllamaSettings#URL}, {@code $OLLAMA_HOST}, or {@code http://localhost:11434}) or, with {@link
 * OllamaSettings#CONTAINER} set, one that Testcontainers starts and keeps for later runs. Opening checks that the
 * server has the model (pulling it only into a container, or when {@link OllamaSettings#PULL} says so), records
 * its digest as the fingerprint, and loads it into memory so the first case does not pay for loading.
 *
 * <p>A bundle that names an Ollama model runs on the embedded engine instead when {@code --model PATH} gives a
 * local file, or when {@link OllamaSettings#FALLBACK} is {@code embedded} ({@code --backend auto}) and no server
 * answers; see {@link EmbeddedFallback}.
 */
public final class OllamaClientProvider implements ModelClientProvider {
    public static final String BACKEND = "ollama";

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String description() {
        String version = Ollama.class.getPackage().getImplementationVersion();
        return "ollama: a model served by Ollama over HTTP (Ollama4j " + (version == null ? "1.1.x" : version)
                + "; --ollama-url, --ollama-container)";
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        String model = ref.name().trim();
        if (model.isEmpty() || model.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(null, 0, "model", "'" + ref + "' is not an Ollama model name; write it "
                    + "as Ollama does, for example ollama:qwen2.5:0.5b");
        }
        OllamaSettings settings = OllamaSettings.from(options);
        if (options.modelOverride().isPresent()) {
            return EmbeddedFallback.open(model, options, "--model " + options.modelOverride().get()
                    + " replaces the bundle's Ollama model " + model + " with a local file");
        }
        long started = System.nanoTime();
        URI server = settings.container() ? OllamaContainerServer.shared(settings.image()).url() : settings.url();
        if (!settings.container() && settings.fallbackToEmbedded() && !reachable(server)) {
            return EmbeddedFallback.open(model, options, "no Ollama server answers at " + server);
        }
        return open(server, model, settings, started);
    }

    /** Whether an Ollama server answers at the URL within two seconds (for {@code --backend auto}). */
    public static boolean reachable(URI server) {
        Ollama api = new Ollama(server.toString());
        api.setRequestTimeoutSeconds(2);
        try {
            return api.ping();
        } catch (io.github.ollama4j.exceptions.OllamaException e) {
            return false;
        }
    }

    static OllamaModelClient open(URI server, String model, OllamaSettings settings, long started) {
        OllamaModelCatalog catalog = new OllamaModelCatalog(server, settings.openTimeout());
        Model found = catalog.find(model).orElseGet(() -> {
            if (!settings.pullMissing()) {
                throw new EvaluationException(notPulled(model, server, catalog.list()));
            }
            catalog.pull(model);
            return catalog.find(model).orElseThrow(() -> new EvaluationException("Ollama at " + server
                    + " reported pulling " + model + " but does not list it; pull it by hand with `ollama pull "
                    + model + "`"));
        });
        if (settings.warmUp()) {
            load(server, model, settings);
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        ModelInfo info = new ModelInfo(BACKEND, model, found.getDigest(), loadMillis);
        return new OllamaModelClient(server, model, info, settings.maxConcurrency());
    }

    static String notPulled(String model, URI server, List<Model> available) {
        String names = available.stream().map(Model::getName).sorted().collect(Collectors.joining(", "));
        return "model " + model + " not pulled on " + server + "; run `ollama pull " + model + "`"
                + (names.isEmpty() ? " (the server has no models yet)" : " (the server has: " + names + ")");
    }

    /** A chat request without messages makes Ollama load the model and answer at once with done_reason "load". */
    private static void load(URI server, String model, OllamaSettings settings) {
        OllamaChatRequest body = OllamaChatRequest.builder().withModel(model).withUseTools(false);
        try {
            new OllamaChatCall(server, OllamaModelClient.HTTP).exchange(body, settings.openTimeout(), System.nanoTime());
        } catch (ModelCallException e) {
            throw new EvaluationException("Ollama at " + server + " could not load " + model + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("interrupted while Ollama at " + server + " was loading " + model, e);
        }
    }
}
