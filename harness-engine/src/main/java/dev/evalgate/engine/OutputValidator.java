package dev.evalgate.engine;

import java.util.Optional;

/** Checks an output against a bundle's declared output format; drives the repair loop. */
@FunctionalInterface
public interface OutputValidator {

    /** Empty when the output is valid, otherwise the problem in words the model can act on. */
    Optional<String> problem(String output);
}
