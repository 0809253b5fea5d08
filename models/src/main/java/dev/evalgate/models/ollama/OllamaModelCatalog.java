package dev.evalgate.models.ollama;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.response.Model;

import dev.evalgate.engine.EvaluationException;

/** The models a server has ({@code /api/tags}), and pulling one it lacks, through Ollama4j's model API. */
final class OllamaModelCatalog {
    /** Listing is instant on a healthy server; a server that accepts connections and then hangs must not stall. */
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final Ollama lister;
    private final Ollama puller;

    OllamaModelCatalog(URI server, Duration pullTimeout) {
        this.server = server;
        this.lister = client(server, LIST_TIMEOUT);
        this.puller = client(server, pullTimeout);
    }

    private static Ollama client(URI server, Duration timeout) {
        Ollama api = new Ollama(server.toString());
        api.setRequestTimeoutSeconds(Math.max(1, timeout.toSeconds()));
        return api;
    }

    /** The server's entry for a model, matching {@code name} and {@code name:latest} as Ollama itself does. */
    Optional<Model> find(String model) {
        String wanted = withTag(model);
        for (Model candidate : list()) {
            if (wanted.equals(withTag(candidate.getName())) || wanted.equals(withTag(candidate.getModel()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    List<Model> list() {
        try {
            return lister.listModels();
        } catch (OllamaException e) {
            throw failure("list the models of", e);
        }
    }

    void pull(String model) {
        try {
            puller.pullModel(model);
        } catch (OllamaException e) {
            throw failure("pull " + model + " on", e);
        }
    }

    static String withTag(String name) {
        if (name == null) {
            return "";
        }
        int slash = name.lastIndexOf('/');
        return name.indexOf(':', slash + 1) < 0 ? name + ":latest" : name;
    }

    private EvaluationException failure(String action, OllamaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return new EvaluationException("cannot reach Ollama at " + server + " (" + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : ": " + io.getMessage()) + "); start it with `ollama serve`, "
                        + "point --ollama-url (or OLLAMA_HOST) at it, or let evalgate start one with "
                        + "--ollama-container", e);
            }
        }
        return new EvaluationException("could not " + action + " Ollama at " + server + ": "
                + OllamaChatCall.excerpt(String.valueOf(e.getMessage())), e);
    }
}
