package dev.evalgate.engine;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A system evaluated in-process: the application's own Java code (a LangChain4j AI service, a Spring AI
 * {@code ChatClient} call, retrieval and post-processing around a model) instead of a bare prompt sent to a model.
 * It fits in one lambda: {@code request -> assistant.chat(request.prompt())}.
 *
 * <p>A suite uses it as {@code model: java:com.acme.SupportSystem}, a class with a public no-arg constructor found on
 * the class path (the JUnit engine's test class path, or the CLI's plugin class path), or as {@code model: java:NAME}
 * with an instance given to the test kit under that name. The bundle's template renders the prompt it receives; the
 * runner's timeout, retries (for a {@link ModelCallException} marked transient), repair loop, scorers and gate apply
 * as to any model.
 */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface SystemUnderTest {

    /**
     * Answers one request. Throw {@link ModelCallException} to say whether trying again may help; any other
     * exception errors the case with its message.
     */
    String respond(SutRequest request) throws Exception;

    /**
     * What identifies this system's behaviour beyond its code, for example the model and prompt version it calls
     * ({@code "gpt-4o-mini-2024-07-18/prompt-12"}). It is part of the fingerprint that keys the inference cache and
     * that baseline comparisons check, so change it when the system's answers may change.
     */
    default String version() {
        return "";
    }
}
