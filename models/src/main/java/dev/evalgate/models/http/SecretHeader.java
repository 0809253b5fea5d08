package dev.evalgate.models.http;

import java.util.Objects;

/**
 * A header whose value comes from the environment when the client opens and is never written anywhere.
 *
 * @param name     the header, for example {@code Authorization}
 * @param variable the environment variable holding the value
 * @param prefix   text put before the value, for example {@code "Bearer "}
 */
record SecretHeader(String name, String variable, String prefix) {
    SecretHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(variable, "variable");
        prefix = prefix == null ? "" : prefix;
    }
}
