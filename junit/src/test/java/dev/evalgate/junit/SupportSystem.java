package dev.evalgate.junit;

import java.util.Locale;

import dev.evalgate.engine.SutRequest;
import dev.evalgate.engine.SystemUnderTest;

/**
 * An application's own answering code, evaluated in-process by class name: it answers JSON when the bundle's
 * system prompt asks for it, and forgets to on the first attempt at questions about refunds (so the repair loop has
 * something to repair).
 */
public final class SupportSystem implements SystemUnderTest {
    @Override
    public String respond(SutRequest request) {
        boolean firstAttempt = request.messages().size() == 1;
        if (request.prompt().toLowerCase(Locale.ROOT).contains("refund") && firstAttempt) {
            return "Refunds take 30 days.";
        }
        return "{\"answer\": \"" + request.prompt().length() + " characters\", \"trace\": \"" + request.traceId()
                + "\"}";
    }

    @Override
    public String version() {
        return "support-rules-3";
    }
}
