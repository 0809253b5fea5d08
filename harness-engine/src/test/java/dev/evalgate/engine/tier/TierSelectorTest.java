package dev.evalgate.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.PlannedCase;

class TierSelectorTest {
    /** 100 cases: 60 tagged qa, 30 tagged adversarial, 10 tagged smoke+qa. */
    private static List<PlannedCase> cases() {
        List<PlannedCase> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<String> tags = i < 60 ? List.of("qa") : i < 90 ? List.of("adversarial") : List.of("qa", "smoke");
            out.add(new PlannedCase(i, "corpus", new EvalCase("c" + i, Map.of("input", "x"), Map.of(), tags,
                    Map.of())));
        }
        return out;
    }

    @Test
    void filtersByTag() {
        List<PlannedCase> smoke = TierSelector.select(new Tier("smoke", List.of("smoke"), 0, 1.0, 7, null), cases());
        assertThat(smoke).extracting(c -> c.evalCase().id()).containsExactly("c90", "c91", "c92", "c93", "c94",
                "c95", "c96", "c97", "c98", "c99");
    }

    @Test
    void aSeededStratifiedSampleKeepsProportionsOrderAndIsRepeatable() {
        Tier tier = new Tier("smoke", List.of(), 20, 1.0, 7, null);
        List<PlannedCase> sample = TierSelector.select(tier, cases());

        assertThat(sample).hasSize(20);
        // Strata by first tag: qa 70 cases -> 14, adversarial 30 -> 6.
        Map<String, Long> byTag = sample.stream().collect(Collectors.groupingBy(c -> c.evalCase().tags().get(0),
                Collectors.counting()));
        assertThat(byTag).containsEntry("qa", 14L).containsEntry("adversarial", 6L);
        assertThat(sample).isSortedAccordingTo((a, b) -> Integer.compare(a.index(), b.index()));
        assertThat(TierSelector.select(tier, cases())).isEqualTo(sample);
        assertThat(TierSelector.select(new Tier("smoke", List.of(), 20, 1.0, 8, null), cases()))
                .isNotEqualTo(sample);
    }

    @Test
    void fractionAndFull() {
        assertThat(TierSelector.select(new Tier("quarter", List.of(), 0, 0.25, 7, null), cases())).hasSize(25);
        assertThat(TierSelector.select(Tier.ALL, cases())).hasSize(100);
    }
}
