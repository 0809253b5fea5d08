package dev.evalgate.models.llamacpp;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.internal.SettingValues;
import dev.evalgate.models.catalog.ModelDownloader;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code llamacpp} backend's settings, parsed once from {@link BackendOptions#settings()} (and, for the mirror
 * and the unpinned opt-in, from the environment). Keys are the constants below; a setting wins over the
 * environment.
 *
 * @param contextSize   tokens the context holds (prompt plus output); empty means the catalog entry's value, or
 *                      {@value #DEFAULT_CONTEXT_SIZE} for a local file
 * @param threads       CPU threads for generation; defaults to the available cores
 * @param chatTemplate  how a request's messages become the prompt
 * @param mirror        base URL serving catalog files by file name, instead of the publisher
 * @param allowUnpinned download catalog entries that have no pinned sha256
 * @param nativeLog     let llama.cpp write its own log to standard error when it loads a model (about 170 lines;
 *                      the CLI's {@code --verbose}), instead of silencing it
 */
public record LlamaCppSettings(OptionalInt contextSize, int threads, ChatTemplate chatTemplate,
                               Optional<URI> mirror, boolean allowUnpinned, boolean nativeLog) {
    public static final String CONTEXT_SIZE = "llamacpp.context-size";
    public static final String THREADS = "llamacpp.threads";
    public static final String CHAT_TEMPLATE = "llamacpp.chat-template";
    public static final String MIRROR = "llamacpp.mirror";
    public static final String ALLOW_UNPINNED = "llamacpp.allow-unpinned";
    public static final String NATIVE_LOG = "llamacpp.native-log";

    public static final int DEFAULT_CONTEXT_SIZE = 4096;
    private static final int MAX_CONTEXT_SIZE = 1 << 20;

    /** How the system prompt and chat turns become the text the model continues. */
    public enum ChatTemplate {
        /** The chat template stored in the GGUF (llama.cpp falls back to ChatML when there is none). */
        MODEL,
        /** Plain text: the system prompt and each turn's content, separated by blank lines (base models). */
        NONE
    }

    public LlamaCppSettings {
        if (contextSize.isPresent() && (contextSize.getAsInt() < 16 || contextSize.getAsInt() > MAX_CONTEXT_SIZE)) {
            throw new IllegalArgumentException("contextSize must be between 16 and " + MAX_CONTEXT_SIZE);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    public static LlamaCppSettings from(BackendOptions options) {
        return from(options.settings(), System.getenv());
    }

    static LlamaCppSettings from(Map<String, String> settings, Map<String, String> environment) {
        OptionalInt contextSize = settings.containsKey(CONTEXT_SIZE)
                ? OptionalInt.of(wholeNumber(settings.get(CONTEXT_SIZE), CONTEXT_SIZE, 16, MAX_CONTEXT_SIZE))
                : OptionalInt.empty();
        int threads = settings.containsKey(THREADS)
                ? wholeNumber(settings.get(THREADS), THREADS, 1, 1024)
                : Runtime.getRuntime().availableProcessors();
        ChatTemplate template = chatTemplate(settings.getOrDefault(CHAT_TEMPLATE, "model"));
        String mirrorText = settings.containsKey(MIRROR) ? settings.get(MIRROR)
                : environment.get(ModelDownloader.MIRROR_ENV);
        Optional<URI> mirror = mirrorText == null || mirrorText.isBlank() ? Optional.empty()
                : Optional.of(url(mirrorText.trim(), settings.containsKey(MIRROR) ? MIRROR
                : ModelDownloader.MIRROR_ENV));
        String allowText = settings.containsKey(ALLOW_UNPINNED) ? settings.get(ALLOW_UNPINNED)
                : environment.getOrDefault(ModelDownloader.ALLOW_UNPINNED_ENV, "false");
        boolean allowUnpinned = bool(allowText, settings.containsKey(ALLOW_UNPINNED) ? ALLOW_UNPINNED
                : ModelDownloader.ALLOW_UNPINNED_ENV);
        boolean nativeLog = SettingValues.flag(NATIVE_LOG, settings.get(NATIVE_LOG)).orElse(false);
        return new LlamaCppSettings(contextSize, threads, template, mirror, allowUnpinned, nativeLog);
    }

    private static int wholeNumber(String text, String key, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new InvalidInputException(null, 0, key, "must be a whole number from " + min + " to " + max
                + ", was '" + text + "'");
    }

    private static ChatTemplate chatTemplate(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "model":
                return ChatTemplate.MODEL;
            case "none":
                return ChatTemplate.NONE;
            default:
                throw new InvalidInputException(null, 0, CHAT_TEMPLATE, "must be 'model' (the GGUF's chat "
                        + "template) or 'none' (plain text for base models), was '" + text + "'");
        }
    }

    private static URI url(String text, String key) {
        try {
            URI uri = new URI(text);
            if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidInputException(null, 0, key, "must be an http or https URL serving the catalog's "
                + "files by file name, was '" + text + "'");
    }

    private static boolean bool(String text, String key) {
        return SettingValues.flag(key, text).orElse(false);
    }
}
