package dev.evalgate.engine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Typed access to a scorer's parameters. Every mistake (missing, wrong type, unknown key) is an
 * {@link InvalidInputException} that points at the scorer's entry in the suite file.
 */
@API(status = STABLE, since = "0.1.0")
public final class ScorerParams {
    private final ScorerSpec spec;

    public ScorerParams(ScorerSpec spec) {
        this.spec = spec;
    }

    public ScorerSpec spec() {
        return spec;
    }

    public Map<String, Object> raw() {
        return spec.params();
    }

    /** Rejects parameters the scorer does not know, so a misspelt one is not silently ignored. */
    public ScorerParams allowOnly(String... keys) {
        Set<String> allowed = Set.of(keys);
        for (String key : spec.params().keySet()) {
            if (!allowed.contains(key)) {
                throw error(key, "unknown parameter for scorer type '" + spec.type() + "'; allowed: "
                        + (keys.length == 0 ? "none" : String.join(", ", keys)));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return spec.params().get(key) != null;
    }

    public Optional<Object> optional(String key) {
        return Optional.ofNullable(spec.params().get(key));
    }

    public String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "required parameter is missing"));
    }

    public Optional<String> optionalString(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key, "expected a text value");
        }
        return Optional.of(String.valueOf(value));
    }

    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    public double number(String key, double fallback) {
        Object value = spec.params().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, found '" + value + "'");
        }
    }

    public int integer(String key, int fallback) {
        double value = number(key, fallback);
        if (value != Math.rint(value)) {
            throw error(key, "expected a whole number, found " + value);
        }
        return (int) value;
    }

    public boolean bool(String key, boolean fallback) {
        Object value = spec.params().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false, found '" + value + "'");
    }

    public List<String> strings(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Map || item instanceof List) {
                    throw error(key, "expected a list of text values");
                }
                out.add(String.valueOf(item));
            }
            return List.copyOf(out);
        }
        if (value instanceof Map) {
            throw error(key, "expected a list of text values");
        }
        return List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object value = spec.params().get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw error(key, "expected a mapping");
    }

    /** A file the parameter names: relative to the suite file that declared it; missing: an error. */
    public Path requiredPath(String key) {
        return optionalPath(key).orElseThrow(() -> error(key, "required parameter is missing"));
    }

    /** A file the parameter names, if set: relative to the suite file that declared it. */
    public Optional<Path> optionalPath(String key) {
        return optionalString(key).map(value -> {
            try {
                return SuitePaths.resolve(this, value);
            } catch (InvalidPathException e) {
                throw error(key, "not a valid path: " + e.getReason());
            }
        });
    }

    public InvalidInputException error(String key, String problem) {
        return spec.location().error(key == null ? null : "params." + key, problem);
    }
}
