package dev.evalgate.engine.cost;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.gate.ModelPrice;

/**
 * The prices a run was costed with, taken from the suite's price table ({@code gate.prices}) when the run started
 * and recorded in {@code run.json}, so the run's reports show the same cost whenever they are rendered. A model the
 * table does not name has no price: its cost is unknown, never zero.
 *
 * @param model      the price of the model under test, or null when the table does not name it
 * @param judgeModel the judge model as the suite names it, or null when the suite has no judge
 * @param judge      the judge's price, or null when unknown
 */
public record RunPricing(ModelPrice model, String judgeModel, ModelPrice judge) {
    public static final RunPricing UNKNOWN = new RunPricing(null, null, null);

    /**
     * Looks the run's models up in {@code prices}: by the model string the bundle or suite names (such as
     * {@code ollama:qwen2.5:0.5b}), else by {@code backend:model} as the backend reported it.
     */
    public static RunPricing of(Map<String, ModelPrice> prices, String bundleModel, ModelInfo served,
                                String judgeModel) {
        return new RunPricing(lookup(prices, bundleModel, served).orElse(null), judgeModel,
                judgeModel == null ? null : lookup(prices, judgeModel, null).orElse(null));
    }

    /** The one rule for finding a model's price, used by cost reports and cost budgets alike. */
    public static Optional<ModelPrice> lookup(Map<String, ModelPrice> prices, String modelRef, ModelInfo served) {
        ModelPrice price = modelRef == null ? null : prices.get(modelRef);
        if (price == null && served != null) {
            price = prices.get(served.backend() + ":" + served.model());
        }
        return Optional.ofNullable(price);
    }

    @JsonIgnore
    public Optional<ModelPrice> modelPrice() {
        return Optional.ofNullable(model);
    }

    @JsonIgnore
    public Optional<ModelPrice> judgePrice() {
        return Optional.ofNullable(judge);
    }
}
