package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ResultsByCaseTest {
    @Test
    void positionsAreGroupedInOrderOfFirstAppearanceAndInOrderWithinEachGroup() {
        // Interleaved keys, one group long enough to grow several times, one with a single position.
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(i % 3 == 0 ? "b" : "a");
        }
        keys.add(57, "c");
        Map<String, int[]> groups = ResultsByCase.positions(keys.size(), keys::get);

        assertThat(groups.keySet()).containsExactly("b", "a", "c");
        assertThat(groups.get("c")).containsExactly(57);
        for (Map.Entry<String, int[]> group : groups.entrySet()) {
            int[] expected = new int[(int) keys.stream().filter(group.getKey()::equals).count()];
            for (int i = 0, n = 0; i < keys.size(); i++) {
                if (keys.get(i).equals(group.getKey())) {
                    expected[n++] = i;
                }
            }
            assertThat(group.getValue()).as(group.getKey()).containsExactly(expected);
        }
        assertThat(ResultsByCase.positions(0, keys::get)).isEmpty();
    }
}
