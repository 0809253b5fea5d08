package dev.evalgate.models.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.internal.Json;

/**
 * The {@code http} backend: {@code model: http:service.yaml} evaluates a team's own service, described by the YAML
 * file (relative to the bundle) that {@link ServiceDefinition} documents. The fingerprint is the hash of the
 * definition without secret values (URL, method, headers, body template, output location), so the inference cache
 * separates two services or two versions of one request shape, and never holds a secret.
 */
public final class HttpClientProvider implements ModelClientProvider {
    public static final String BACKEND = "http";

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String description() {
        return "http: a team's own service, called with a request template (http:service.yaml)";
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        return open(ref, options, System::getenv);
    }

    static HttpServiceClient open(ModelRef ref, BackendOptions options, Function<String, String> environment) {
        Path file = options.baseDirectory().resolve(ref.name().trim());
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(null, 0, "model", "'" + ref + "' names no service file: " + file
                    + " does not exist; write http:FILE with FILE a service.yaml relative to the bundle");
        }
        ServiceDefinition service = ServiceDefinition.load(file);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (SecretHeader secret : service.secrets()) {
            String value = environment.apply(secret.variable());
            if (value == null || value.isBlank()) {
                throw new InvalidInputException(file, 0, "secret_headers." + secret.name(), "the environment "
                        + "variable " + secret.variable() + " that holds this header's value is not set");
            }
            secrets.put(secret.name(), secret.prefix() + value.strip());
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return new HttpServiceClient(service, secrets, new ModelInfo(BACKEND, name,
                name + "@sha256:" + sha256(service.canonical()).substring(0, 16), 0));
    }

    private static String sha256(Map<String, Object> canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.CANONICAL.writeValueAsBytes(canonical)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a service definition is plain data and always serialises", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
