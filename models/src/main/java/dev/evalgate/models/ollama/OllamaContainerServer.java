package dev.evalgate.models.ollama;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.ollama.OllamaContainer;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;

import dev.evalgate.engine.EvaluationException;

/**
 * An Ollama server in a Docker container, for CI runners that have Docker but no Ollama. One container per image
 * serves the whole process (every suite, every test class). Pulled models live in the Docker volume {@value
 * #MODELS_VOLUME}, so a model is downloaded once per machine and not once per run; with Testcontainers' reuse
 * enabled ({@code testcontainers.reuse.enable=true} in {@code ~/.testcontainers.properties}) the container itself
 * also outlives the run and the next run skips starting and loading.
 */
public final class OllamaContainerServer {
    public static final String MODELS_VOLUME = "evalgate-ollama-models";
    private static final Map<String, OllamaContainerServer> BY_IMAGE = new ConcurrentHashMap<>();

    private final OllamaContainer container;

    private OllamaContainerServer(OllamaContainer container) {
        this.container = container;
    }

    /** The running server for an image, started on first use. */
    public static OllamaContainerServer shared(String image) {
        return BY_IMAGE.computeIfAbsent(image, OllamaContainerServer::start);
    }

    /** Whether this machine can start containers at all; tests use it to skip with a plain reason. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public URI url() {
        return URI.create(container.getEndpoint());
    }

    @SuppressWarnings("resource") // kept running for the whole process, and for later ones when reuse is on
    private static OllamaContainerServer start(String image) {
        if (!dockerAvailable()) {
            throw new EvaluationException("--ollama-container (setting " + OllamaSettings.CONTAINER + ") needs Docker, "
                    + "which is not available here; start Docker, or use an Ollama server with --ollama-url");
        }
        OllamaContainer container = new OllamaContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("ollama/ollama"))
                .withReuse(true)
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    List<Bind> binds = new ArrayList<>(host.getBinds() == null ? List.of() : List.of(host.getBinds()));
                    binds.add(new Bind(MODELS_VOLUME, new Volume("/root/.ollama")));
                    cmd.withHostConfig(host.withBinds(binds));
                });
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new EvaluationException("could not start the Ollama container " + image + ": " + e.getMessage()
                    + "; check that Docker can pull the image, or set " + OllamaSettings.IMAGE + " to one it has", e);
        }
        return new OllamaContainerServer(container);
    }
}
