package dev.evalgate.models.endpoint;

import java.util.Collection;

/**
 * Text a server sent, made fit for an error message: one line, at most 200 characters, and with every secret the
 * request carried (an API key, a secret header) masked, since an error page may echo what it was sent and messages
 * end up in {@code results.jsonl} and the reports.
 */
public final class ServerText {
    public static final String MASK = "[REDACTED]";
    static final int MAX_CHARS = 200;

    private ServerText() {
    }

    public static String excerpt(String text, Collection<String> secrets) {
        String flat = redact(text, secrets).replaceAll("\\p{Cntrl}", " ").strip();
        return flat.length() > MAX_CHARS ? flat.substring(0, MAX_CHARS) + "..." : flat;
    }

    /** Masks every secret in the text, longest first so a secret that contains another is masked whole. */
    public static String redact(String text, Collection<String> secrets) {
        String result = text;
        for (String secret : secrets.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
