package dev.evalgate.engine.tier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.engine.PlannedCase;

/**
 * Picks a tier's cases from a suite's planned cases, keeping their order. A sample is stratified by corpus and
 * first tag with proportional allocation (largest remainders), and within a stratum ranks cases by a seeded hash
 * of their key: the same seed always picks the same cases, and adding a case to a corpus rarely changes which
 * other cases are picked.
 */
public final class TierSelector {
    private TierSelector() {
    }

    public static List<PlannedCase> select(Tier tier, List<PlannedCase> cases) {
        List<PlannedCase> tagged = tier.tags().isEmpty() ? cases : cases.stream()
                .filter(c -> c.evalCase().tags().stream().anyMatch(tier.tags()::contains)).toList();
        int target = (int) Math.ceil(tagged.size() * tier.fraction());
        if (tier.sample() > 0) {
            target = Math.min(target, tier.sample());
        }
        if (target >= tagged.size()) {
            return List.copyOf(tagged);
        }
        Map<String, List<PlannedCase>> strata = new LinkedHashMap<>();
        for (PlannedCase c : tagged) {
            strata.computeIfAbsent(stratum(c), k -> new ArrayList<>()).add(c);
        }
        Map<String, Integer> quota = allocate(strata, tagged.size(), target);
        Set<String> keep = new HashSet<>();
        strata.forEach((name, members) -> {
            List<PlannedCase> ranked = new ArrayList<>(members);
            ranked.sort(Comparator.comparing((PlannedCase c) -> rank(tier.seed(), c.key())));
            ranked.subList(0, quota.get(name)).forEach(c -> keep.add(c.key()));
        });
        return tagged.stream().filter(c -> keep.contains(c.key())).toList();
    }

    private static String stratum(PlannedCase c) {
        List<String> tags = c.evalCase().tags();
        return c.corpus() + "\u0000" + (tags.isEmpty() ? "" : tags.get(0));
    }

    /** Proportional allocation by largest remainder; ties go to the stratum listed first. */
    private static Map<String, Integer> allocate(Map<String, List<PlannedCase>> strata, int total, int target) {
        Map<String, Integer> quota = new LinkedHashMap<>();
        Map<String, Double> remainder = new LinkedHashMap<>();
        int given = 0;
        for (Map.Entry<String, List<PlannedCase>> e : strata.entrySet()) {
            double exact = (double) e.getValue().size() * target / total;
            int floor = (int) Math.floor(exact);
            quota.put(e.getKey(), floor);
            remainder.put(e.getKey(), exact - floor);
            given += floor;
        }
        List<String> byRemainder = new ArrayList<>(remainder.keySet());
        byRemainder.sort(Comparator.comparingDouble((String k) -> -remainder.get(k)));
        for (int i = 0; given < target; i++) {
            String k = byRemainder.get(i % byRemainder.size());
            if (quota.get(k) < strata.get(k).size()) {
                quota.merge(k, 1, Integer::sum);
                given++;
            }
        }
        return quota;
    }

    private static String rank(long seed, String key) {
        return ContentHash.sha256((seed + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
    }
}
