package dev.evalgate.engine.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.InvalidInputException;

/**
 * The values of settings read by name (a backend's settings, the JUnit engine's configuration parameters), parsed
 * one way everywhere: the same words accepted, and one wording for a bad value, naming the setting.
 */
public final class SettingValues {
    private SettingValues() {
    }

    /** The setting {@code key} of {@code settings} as a whole number of at least 1, or {@code fallback} when unset. */
    public static int positive(Map<String, String> settings, String key, int fallback) {
        return positive(key, settings.get(key)).orElse(fallback);
    }

    /** The setting {@code key} of {@code settings} as true or false, or {@code fallback} when unset. */
    public static boolean flag(Map<String, String> settings, String key, boolean fallback) {
        return flag(key, settings.get(key)).orElse(fallback);
    }

    /** A whole number of at least 1; empty when {@code text} is null or blank. */
    public static Optional<Integer> positive(String key, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(null, 0, key, "must be a whole number of at least 1, was '" + text + "'");
    }

    /** {@code true}, {@code yes} or {@code 1}; {@code false}, {@code no} or {@code 0}; empty when null or blank. */
    public static Optional<Boolean> flag(String key, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Optional.of(true);
            case "false", "no", "0" -> Optional.of(false);
            default -> throw new InvalidInputException(null, 0, key, "must be true or false, was '" + text + "'");
        };
    }
}
