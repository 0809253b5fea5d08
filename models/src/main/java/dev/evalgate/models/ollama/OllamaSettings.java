package dev.evalgate.models.ollama;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.internal.SettingValues;
import dev.evalgate.engine.BackendOptions;

/**
 * How the {@code ollama} backend reaches its server, parsed once from {@link BackendOptions#settings()} and the
 * environment. Keys are the constants of this class; the CLI's {@code --ollama-url} and {@code --ollama-container}
 * flags set them.
 *
 * @param url            the server, from {@value #URL}, else {@code $OLLAMA_HOST}, else {@value #DEFAULT_URL}
 * @param maxConcurrency calls in flight at once against this server, shared by every client of the same URL
 * @param container      start the server in a Docker container through Testcontainers instead of using {@code url}
 * @param image          the container image when {@code container} is set
 * @param pullMissing    pull a model the server does not have (always on for a container, off for a user's server,
 *                       where pulling gigabytes unasked would be rude)
 * @param openTimeout    how long listing, pulling and checking models at open may take
 * @param fallbackToEmbedded when the server cannot be reached, run the bundle on the embedded engine instead
 *                       ({@value #FALLBACK}{@code =embedded}, what {@code --backend auto} sets)
 * @param warmUp         load the model at open so the first case's latency is not a load time; off
 *                       ({@value #WARM_UP}{@code =false}) when no call is expected, as when replaying cassettes
 */
public record OllamaSettings(URI url, int maxConcurrency, boolean container, String image, boolean pullMissing,
                             Duration openTimeout, boolean fallbackToEmbedded, boolean warmUp) {
    public static final String URL = "ollama.url";
    public static final String MAX_CONCURRENCY = "ollama.maxConcurrency";
    public static final String CONTAINER = "ollama.container";
    public static final String IMAGE = "ollama.image";
    public static final String PULL = "ollama.pull";
    /** {@code embedded} to fall back to the embedded engine when the server is unreachable, {@code none} not to. */
    public static final String FALLBACK = "ollama.fallback";
    public static final String WARM_UP = "ollama.warmUp";
    public static final String HOST_ENV = "OLLAMA_HOST";
    public static final String DEFAULT_URL = "http://localhost:11434";
    /** Pinned so that CI runs on the same server version every time; override with {@value #IMAGE}. */
    public static final String DEFAULT_IMAGE = "ollama/ollama:0.12.5";
    /** Ollama serves a few requests of one model at once by default; more only queue on the server. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public OllamaSettings {
        Objects.requireNonNull(url, "url");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(openTimeout, "openTimeout");
    }

    public static OllamaSettings from(BackendOptions options) {
        return from(options.settings(), System::getenv);
    }

    static OllamaSettings from(Map<String, String> settings, Function<String, String> environment) {
        String urlText = settings.get(URL);
        String urlSource = URL;
        if (urlText == null || urlText.isBlank()) {
            urlText = environment.apply(HOST_ENV);
            urlSource = HOST_ENV;
        }
        URI url = urlText == null || urlText.isBlank() ? URI.create(DEFAULT_URL) : parseUrl(urlText, urlSource);
        boolean container = SettingValues.flag(settings, CONTAINER, false);
        int maxConcurrency = SettingValues.positive(settings, MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY);
        return new OllamaSettings(url, maxConcurrency, container, settings.getOrDefault(IMAGE, DEFAULT_IMAGE),
                SettingValues.flag(settings, PULL, container), Duration.ofMinutes(30), fallback(settings),
                SettingValues.flag(settings, WARM_UP, true));
    }

    /**
     * Accepts what people put in {@code OLLAMA_HOST}: {@code http://host:port}, {@code host:port}, {@code host},
     * and the server's own bind address {@code 0.0.0.0}, which a client cannot dial.
     */
    static URI parseUrl(String text, String source) {
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw invalid(source, "'" + text + "' is not a URL; use for example " + DEFAULT_URL);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw invalid(source, "'" + text + "' is not an http(s) URL; use for example " + DEFAULT_URL);
        }
        String host = uri.getHost().equals("0.0.0.0") ? "localhost" : uri.getHost();
        // An explicit scheme without a port means a proxy on the scheme's port; a bare host means Ollama's own port.
        int port = uri.getPort() > 0 ? uri.getPort() : !trimmed.contains("://") ? 11434 : scheme.equals("https") ? 443 : 80;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
    }

    private static boolean fallback(Map<String, String> settings) {
        String text = settings.getOrDefault(FALLBACK, "none").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "embedded" -> true;
            case "none", "" -> false;
            default -> throw invalid(FALLBACK, "must be embedded or none, was '" + text + "'");
        };
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(null, 0, field, problem);
    }
}
