package dev.evalgate.engine;

import java.util.Optional;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Checks an output against a bundle's declared output format; drives the repair loop. */
@FunctionalInterface
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface OutputValidator {

    /** Empty when the output is valid, otherwise the problem in words the model can act on. */
    Optional<String> problem(String output);
}
