package dev.evalgate.junit;

import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScorerProvider;

/** A scorer plugin with a bug: it throws on every case, as a scorer with broken parameters would. */
public final class ThrowingScorerProvider implements ScorerProvider {
    @Override
    public String type() {
        return "always-throws";
    }

    @Override
    public Scorer create(ScorerParams params, JudgeModels models) {
        return context -> {
            throw new IllegalStateException("cannot read its own parameters");
        };
    }
}
