package dev.evalgate.engine;

/**
 * Sampling parameters of one model call.
 *
 * @param temperature 0 means greedy decoding
 * @param seed        sampling seed; with temperature 0 and a seed, backends that honour seeds repeat themselves
 * @param maxTokens   upper bound on generated tokens
 * @param topP        nucleus sampling mass, 1.0 for none
 */
public record GenerationParams(double temperature, long seed, int maxTokens, double topP) {
    public static final GenerationParams DEFAULTS = new GenerationParams(0.0, 42, 256, 1.0);

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
    }

    public GenerationParams withSeed(long newSeed) {
        return new GenerationParams(temperature, newSeed, maxTokens, topP);
    }
}
