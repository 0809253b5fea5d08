package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.internal.RunnerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    @Test
    void shardsPartitionTheCasesStablyAndRoughlyEvenly() {
        List<PlannedCase> cases = RunnerTest.cases(1000);
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            List<PlannedCase> part = Shard.parse(i + "/4").selection().select(cases);
            sizes.add(part.size());
            for (PlannedCase c : part) {
                assertThat(seen.add(c.key())).as("%s in one shard only", c.key()).isTrue();
            }
            assertThat(Shard.parse(i + "/4").selection().select(cases)).isEqualTo(part);
        }
        assertThat(seen).hasSize(1000);
        // 1000 keys hashed into 4 buckets: each within ±5 standard deviations (sd ≈ 13.7) of 250.
        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(180, 320));
        // The assignment depends on the key only, never on its position in the corpus.
        assertThat(new Shard(2, 4).contains("c/case-17")).isEqualTo(new Shard(2, 4).contains("c/case-17"));
        assertThat(Shard.parse("1/1").selection().select(cases)).hasSize(1000);
    }

    @Test
    void badShardsAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("i/n such as 2/4");
    }
}
