package dev.evalgate.engine;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Sampling parameters of one model call.
 *
 * @param temperature 0 means greedy decoding
 * @param seed        sampling seed; with temperature 0 and a seed, backends that honour seeds repeat themselves
 * @param maxTokens   upper bound on generated tokens
 * @param topP        nucleus sampling mass, 1.0 for none
 * @param stop        sequences that end the output where the backend supports them; left out of the canonical
 *                    form when empty, so bundles and cache entries written before it existed keep their digests
 */
@API(status = STABLE, since = "0.1.0")
public record GenerationParams(double temperature, long seed, int maxTokens, double topP,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> stop) {
    public static final GenerationParams DEFAULTS = new GenerationParams(0.0, 42, 256, 1.0);
    /** The most stop sequences accepted; OpenAI's API takes four, servers that take more are rare. */
    public static final int MAX_STOP_SEQUENCES = 4;

    public GenerationParams {
        if (temperature < 0 || temperature > 5) {
            throw new IllegalArgumentException("temperature must be between 0 and 5, was " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > MAX_STOP_SEQUENCES || stop.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("stop takes at most " + MAX_STOP_SEQUENCES
                    + " non-empty sequences, was " + stop);
        }
    }

    public GenerationParams(double temperature, long seed, int maxTokens, double topP) {
        this(temperature, seed, maxTokens, topP, List.of());
    }

    public GenerationParams withSeed(long newSeed) {
        return new GenerationParams(temperature, newSeed, maxTokens, topP, stop);
    }
}
