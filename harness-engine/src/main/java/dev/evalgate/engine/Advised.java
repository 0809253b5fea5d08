package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** An engine exception whose message is {@link Advice}, for a front end to word ({@link Wording#message}). */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface Advised {
    Advice advice();
}
