package dev.evalgate.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.RepairPolicy;
import dev.evalgate.engine.SourceLocation;

/** Reads {@code bundle.yaml} into a {@link Bundle}, naming file, line and field for every mistake. */
public final class BundleLoader {
    private BundleLoader() {
    }

    public static Bundle load(Path file) {
        ConfigNode root = ConfigNode.parseYaml(file);
        root.allowOnly("id", "version", "description", "model", "system", "template", "params", "repair",
                "output_schema", "openai", "prices");
        root.optional("openai").ifPresent(BundleLoader::serverSettings);
        root.optional("prices").ifPresent(BundleLoader::prices);
        String model = root.requiredString("model");
        try {
            ModelRef.parse(model);
        } catch (IllegalArgumentException e) {
            throw root.required("model").error(e.getMessage());
        }
        return new Bundle(root.requiredString("id"), root.requiredString("version"), model,
                root.string("system", ""), root.requiredString("template"),
                root.optional("params").map(BundleLoader::params).orElse(GenerationParams.DEFAULTS),
                root.optional("repair").map(BundleLoader::repair).orElse(null),
                root.optional("output_schema").map(ConfigNode::toPlainMap).orElse(null));
    }

    /**
     * Where the bundle's OpenAI-compatible model is served, from its optional {@code openai:} section
     * ({@code base_url}, {@code api_key_env}), as backend settings for the model under test. Where a model is served
     * is not what is evaluated, so the section is not part of the bundle's digest; a key is never written here, only
     * the name of the variable holding it.
     */
    public static java.util.Map<String, String> serverSettings(Path file) {
        return ConfigNode.parseYaml(file).optional("openai").map(BundleLoader::serverSettings)
                .orElse(java.util.Map.of());
    }

    private static java.util.Map<String, String> serverSettings(ConfigNode node) {
        node.allowOnly("base_url", "api_key_env");
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        node.optional("base_url").ifPresent(url -> {
            String text = url.asString().trim();
            if (!text.matches("https?://[^\\s@?#]+")) {
                throw url.error("must be the http(s) URL of the API root without credentials, for example "
                        + "http://localhost:8080/v1");
            }
            settings.put(dev.evalgate.engine.BackendOptions.OPENAI_URL, text);
        });
        node.optional("api_key_env").ifPresent(variable -> {
            String name = variable.asString().trim();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw variable.error("must name the environment variable that holds the key, never the key itself");
            }
            settings.put(dev.evalgate.engine.BackendOptions.OPENAI_KEY_ENV, name);
        });
        return settings;
    }

    /**
     * The bundle's own price table ({@code prices: {MODEL: {input_per_million, output_per_million}}}), keyed as the
     * suite's {@code gate.prices} is. What a model costs is not what is evaluated, so the table is not part of the
     * bundle's digest; for a model both tables name, the bundle's price wins, since the bundle is what ships.
     */
    public static java.util.Map<String, dev.evalgate.engine.gate.ModelPrice> prices(Path file) {
        return ConfigNode.parseYaml(file).optional("prices").map(BundleLoader::prices).orElse(java.util.Map.of());
    }

    private static java.util.Map<String, dev.evalgate.engine.gate.ModelPrice> prices(ConfigNode node) {
        java.util.Map<String, dev.evalgate.engine.gate.ModelPrice> prices = new java.util.LinkedHashMap<>();
        node.asMap().forEach((model, value) -> {
            value.allowOnly("input_per_million", "output_per_million");
            prices.put(model, new dev.evalgate.engine.gate.ModelPrice(nonNegative(value.required("input_per_million")),
                    nonNegative(value.required("output_per_million"))));
        });
        return prices;
    }

    private static double nonNegative(ConfigNode node) {
        double value = node.asDouble();
        if (!(value >= 0)) {
            throw node.error("must be a number >= 0");
        }
        return value;
    }

    /** Where the bundle names its model, for errors found when the backend is opened. */
    public static SourceLocation modelLocation(Path file) {
        return SourceLocation.of(ConfigNode.parseYaml(file).required("model"));
    }

    private static GenerationParams params(ConfigNode node) {
        node.allowOnly("temperature", "seed", "max_tokens", "top_p", "stop");
        GenerationParams d = GenerationParams.DEFAULTS;
        double temperature = node.number("temperature", d.temperature());
        if (temperature < 0 || temperature > 5) {
            throw node.required("temperature").error("must be between 0 and 5");
        }
        int maxTokens = node.integer("max_tokens", d.maxTokens());
        if (maxTokens < 1) {
            throw node.required("max_tokens").error("must be at least 1");
        }
        double topP = node.number("top_p", d.topP());
        if (topP <= 0 || topP > 1) {
            throw node.required("top_p").error("must be greater than 0 and at most 1");
        }
        List<String> stop = node.optional("stop").map(BundleLoader::stop).orElse(List.of());
        return new GenerationParams(temperature, node.longValue("seed", d.seed()), maxTokens, topP, stop);
    }

    /** A single sequence or a list of them, as the OpenAI API accepts. */
    private static List<String> stop(ConfigNode node) {
        List<String> sequences = new ArrayList<>();
        Object value = node.toPlain();
        if (value instanceof String text) {
            sequences.add(text);
        } else if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            items.forEach(item -> sequences.add((String) item));
        } else {
            throw node.error("must be a string or a list of strings");
        }
        if (sequences.size() > GenerationParams.MAX_STOP_SEQUENCES || sequences.stream().anyMatch(String::isEmpty)) {
            throw node.error("takes at most " + GenerationParams.MAX_STOP_SEQUENCES + " non-empty sequences");
        }
        return sequences;
    }

    private static RepairPolicy repair(ConfigNode node) {
        node.allowOnly("max_retries", "fallback");
        int maxRetries = node.integer("max_retries", RepairPolicy.DEFAULT_MAX_RETRIES);
        if (maxRetries < 0 || maxRetries > 10) {
            throw node.required("max_retries").error("must be between 0 and 10");
        }
        return new RepairPolicy(maxRetries, node.string("fallback", null));
    }
}
