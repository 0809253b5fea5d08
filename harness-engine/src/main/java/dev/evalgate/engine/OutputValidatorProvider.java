package dev.evalgate.engine;

import java.util.Map;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Service-provider interface ({@code META-INF/services/dev.evalgate.engine.OutputValidatorProvider}) that turns a
 * bundle's {@code output_schema} into a validator. The engine alone can only check that an output is JSON; the
 * judges module provides full JSON Schema validation.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface OutputValidatorProvider {

    OutputValidator forSchema(Map<String, Object> schema);
}
