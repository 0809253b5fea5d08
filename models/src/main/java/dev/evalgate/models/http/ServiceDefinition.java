package dev.evalgate.models.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.PlainData;

/**
 * A team's own service as a {@code service.yaml} describes it (the file a bundle names as {@code http:service.yaml},
 * relative to the bundle). Every field is checked when the file is read, with file, line and field in the error.
 *
 * <pre>{@code
 * url: http://localhost:8080/answer
 * method: POST                        # POST (default), PUT or GET (GET sends no body)
 * headers: {X-Client: evalgate}       # may use {{trace_id}}
 * secret_headers:                     # values from the environment, redacted everywhere
 *   Authorization: {env: SUPPORT_API_TOKEN, prefix: "Bearer "}
 * body:                               # any JSON; strings may hold {{variables}}
 *   question: "{{prompt}}"
 *   options: {temperature: "{{temperature}}"}
 * output: /answer                     # JSON Pointer (or JSONPath $.answer); absent: the whole body is the output
 * prompt_tokens: /usage/input         # optional, JSON Pointer or JSONPath
 * completion_tokens: /usage/output    # optional
 * timeout_seconds: 30                 # optional; shorter than the suite's call timeout to take effect
 * max_concurrency: 4                  # calls in flight at once against this service
 * }</pre>
 *
 * @param body the body template as plain data (maps, lists, strings, numbers), empty for none
 */
record ServiceDefinition(Path file, URI url, String method, Map<String, String> headers, List<SecretHeader> secrets,
                         Object body, Optional<String> output, Optional<String> promptTokens,
                         Optional<String> completionTokens, Optional<Duration> timeout, int maxConcurrency) {
    static final int DEFAULT_MAX_CONCURRENCY = 4;

    static ServiceDefinition load(Path file) {
        ConfigNode root = ConfigNode.parseYaml(file);
        root.allowOnly("url", "method", "headers", "secret_headers", "body", "output", "prompt_tokens",
                "completion_tokens", "timeout_seconds", "max_concurrency");
        URI url = url(root.required("url"));
        String method = root.string("method", "POST").trim().toUpperCase(Locale.ROOT);
        if (!List.of("POST", "PUT", "GET").contains(method)) {
            throw root.required("method").error("must be POST, PUT or GET, was '" + method + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        root.optional("headers").ifPresent(node -> node.asMap().forEach((name, value) -> {
            checkHeaderName(value, name);
            headers.put(name, value.asString());
        }));
        List<SecretHeader> secrets = root.optional("secret_headers").map(ServiceDefinition::secrets).orElse(List.of());
        for (SecretHeader secret : secrets) {
            if (headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(secret.name()))) {
                throw root.required("secret_headers").error("header '" + secret.name() + "' is also in headers; "
                        + "give it once");
            }
        }
        Object body = root.optional("body").map(ConfigNode::toPlain).orElse(null);
        if (body != null && method.equals("GET")) {
            throw root.required("body").error("a GET request sends no body; use POST or PUT");
        }
        List<String> unknown = RequestTemplate.unknownVariables(List.of(body == null ? "" : body, headers));
        if (!unknown.isEmpty()) {
            throw root.required(root.has("body") ? "body" : "headers").error("unknown variable {{" + unknown.get(0)
                    + "}}; the variables are " + String.join(", ", RequestTemplate.NAMES)
                    + " and input.NAME for a case's input variable NAME");
        }
        Optional<String> output = root.optional("output").map(node -> locator(node));
        Optional<String> prompt = root.optional("prompt_tokens").map(node -> locator(node));
        Optional<String> completion = root.optional("completion_tokens").map(node -> locator(node));
        Optional<Duration> timeout = root.optional("timeout_seconds").map(node -> {
            double seconds = node.asDouble();
            if (!(seconds > 0) || seconds > 3600) {
                throw node.error("must be more than 0 and at most 3600");
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        });
        int maxConcurrency = root.integer("max_concurrency", DEFAULT_MAX_CONCURRENCY);
        if (maxConcurrency < 1) {
            throw root.required("max_concurrency").error("must be at least 1");
        }
        return new ServiceDefinition(file, url, method, headers, secrets, body == null ? "" : PlainData.immutable(body),
                output, prompt, completion, timeout, maxConcurrency);
    }

    private static URI url(ConfigNode node) {
        String text = node.asString().trim();
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw node.error("'" + text + "' is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw node.error("'" + text + "' is not an http(s) URL");
        }
        if (url.getUserInfo() != null) {
            throw node.error("carries credentials; put them in secret_headers, read from the environment");
        }
        return url;
    }

    private static List<SecretHeader> secrets(ConfigNode node) {
        return node.asMap().entrySet().stream().map(entry -> {
            ConfigNode spec = entry.getValue();
            checkHeaderName(spec, entry.getKey());
            spec.allowOnly("env", "prefix");
            String variable = spec.requiredString("env").trim();
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw spec.required("env").error("'" + variable + "' is not an environment variable name; name the "
                        + "variable that holds the secret, never the secret itself");
            }
            return new SecretHeader(entry.getKey(), variable, spec.string("prefix", ""));
        }).toList();
    }

    private static void checkHeaderName(ConfigNode where, String name) {
        if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw where.error("'" + name + "' is not an HTTP header name");
        }
    }

    /** A JSON Pointer as it is, or a JSONPath turned into one; anything else is refused where it is written. */
    private static String locator(ConfigNode node) {
        try {
            return OutputLocator.toPointer(node.asString());
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    /** The definition without secrets' values (it never has them): what identifies the service in the cache. */
    Map<String, Object> canonical() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("url", url.toString());
        canonical.put("method", method);
        canonical.put("headers", headers);
        canonical.put("secret_headers", secrets.stream().map(s -> s.name() + "=$" + s.variable()).toList());
        canonical.put("body", body);
        canonical.put("output", output.orElse(""));
        return canonical;
    }
}
