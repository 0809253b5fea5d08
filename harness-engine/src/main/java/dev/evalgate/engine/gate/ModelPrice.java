package dev.evalgate.engine.gate;

/**
 * What a model's tokens cost, in the currency the team budgets in, per million tokens (the unit providers quote).
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {
    public ModelPrice {
        if (Double.isNaN(inputPerMillion) || inputPerMillion < 0) {
            throw new IllegalArgumentException("inputPerMillion must be >= 0, was " + inputPerMillion);
        }
        if (Double.isNaN(outputPerMillion) || outputPerMillion < 0) {
            throw new IllegalArgumentException("outputPerMillion must be >= 0, was " + outputPerMillion);
        }
    }

    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000.0;
    }
}
