package dev.evalgate.models.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds or an HTTP date. */
public final class RetryAfter {
    /** A server asking for longer than this is not waited for; the runner also caps the wait at the call timeout. */
    static final Duration LONGEST = Duration.ofMinutes(10);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String text = header.get().trim();
        Duration wait;
        try {
            wait = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
    }
}
