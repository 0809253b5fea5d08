package dev.evalgate.models.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.internal.SettingValues;
import dev.evalgate.engine.BackendOptions;

/**
 * How the {@code openai} backend reaches its server, parsed once from {@link BackendOptions#settings()} and the
 * environment. The CLI's {@code --openai-url}, {@code --openai-key-env} and {@code --openai-concurrency} set the
 * keys of this class.
 *
 * @param baseUrl        the API root that {@code /chat/completions} and {@code /models} hang off, from {@value #URL},
 *                       else {@code $OPENAI_BASE_URL}, else the bundle's {@code openai.base_url}, else
 *                       {@value #DEFAULT_URL}
 * @param apiKeyVariable the environment variable holding the API key ({@value #KEY_ENV}, else the bundle's
 *                       {@code openai.api_key_env}, default {@value #DEFAULT_KEY_ENV}); the key itself is read when
 *                       the client opens and lives only in the {@code Authorization} header of requests
 * @param apiKey         the key, when the variable is set; local servers usually need none
 * @param maxConcurrency calls in flight at once against this server, shared by every client of the same URL
 * @param stream         ask for a server-sent event stream (time to first token, usage in the last chunk); off for
 *                       servers that cannot stream
 * @param responseFormat {@code json_schema} (default: the bundle's {@code output_schema} constrains the output),
 *                       {@code json_object} (only "answer in JSON") or {@code none}
 * @param openTimeout    how long listing the server's models at open may take
 */
public record OpenAiSettings(URI baseUrl, String apiKeyVariable, Optional<String> apiKey, int maxConcurrency,
                             boolean stream, String responseFormat, Duration openTimeout) {
    public static final String URL = "openai.url";
    public static final String KEY_ENV = "openai.apiKeyEnv";
    public static final String MAX_CONCURRENCY = "openai.maxConcurrency";
    public static final String STREAM = "openai.stream";
    public static final String RESPONSE_FORMAT = "openai.responseFormat";
    public static final String BASE_URL_ENV = "OPENAI_BASE_URL";
    public static final String DEFAULT_KEY_ENV = "OPENAI_API_KEY";
    public static final String DEFAULT_URL = "https://api.openai.com/v1";
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
        Objects.requireNonNull(apiKey, "apiKey");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
    }

    public static OpenAiSettings from(BackendOptions options) {
        return from(options.settings(), System::getenv);
    }

    static OpenAiSettings from(Map<String, String> settings, Function<String, String> environment) {
        String urlText = settings.get(URL);
        String urlSource = URL;
        if (urlText == null || urlText.isBlank()) {
            urlText = environment.apply(BASE_URL_ENV);
            urlSource = BASE_URL_ENV;
        }
        if (urlText == null || urlText.isBlank()) {
            urlText = settings.get(BackendOptions.OPENAI_URL);
            urlSource = "openai.base_url";
        }
        URI url = urlText == null || urlText.isBlank() ? URI.create(DEFAULT_URL) : parseUrl(urlText, urlSource);
        String keyVariable = settings.getOrDefault(KEY_ENV, settings.getOrDefault(BackendOptions.OPENAI_KEY_ENV, ""))
                .trim();
        boolean namedByUser = !keyVariable.isEmpty();
        if (!namedByUser) {
            keyVariable = DEFAULT_KEY_ENV;
        } else if (!keyVariable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw invalid(KEY_ENV, "'" + keyVariable + "' is not an environment variable name; name the variable "
                    + "that holds the key, never the key itself");
        }
        String key = environment.apply(keyVariable);
        if (namedByUser && (key == null || key.isBlank())) {
            throw invalid(KEY_ENV, "the environment variable " + keyVariable + " that should hold the API key is "
                    + "not set");
        }
        String format = settings.getOrDefault(RESPONSE_FORMAT, "json_schema").trim().toLowerCase(Locale.ROOT);
        if (!format.equals("json_schema") && !format.equals("json_object") && !format.equals("none")) {
            throw invalid(RESPONSE_FORMAT, "must be json_schema, json_object or none, was '" + format + "'");
        }
        return new OpenAiSettings(url, keyVariable, Optional.ofNullable(key).filter(k -> !k.isBlank()).map(String::strip),
                SettingValues.positive(settings, MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY),
                SettingValues.flag(settings, STREAM, true), format, Duration.ofSeconds(30));
    }

    /** {@code http(s)://host[:port][/path]}, trailing slashes dropped, so {@code /chat/completions} appends cleanly. */
    static URI parseUrl(String text, String source) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(source, "'" + text + "' is not a URL; use for example http://localhost:8080/v1");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(source, "'" + text + "' is not an http(s) URL; use for example http://localhost:8080/v1");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null) {
            throw invalid(source, "'" + text + "' carries credentials or a query; give the API root only and the key "
                    + "through the environment");
        }
        return URI.create(uri.toString().replaceAll("/+$", ""));
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(null, 0, field, problem);
    }

    @Override
    public String toString() {
        // Never the key: settings end up in messages and debug output.
        return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKeyVariable=" + apiKeyVariable + ", apiKey="
                + (apiKey.isPresent() ? "set" : "unset") + ", maxConcurrency=" + maxConcurrency + ", stream=" + stream
                + ", responseFormat=" + responseFormat + "]";
    }
}
