package dev.evalgate.datasets.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.LineageStep;

/** datasets split: disjoint, seeded, stable when the corpus grows, recorded in each split's lineage. */
class CorpusSplitterTest {
    @TempDir
    Path dir;

    private static final List<CorpusSplitter.Split> SPLITS = CorpusSplitter.Split.parseAll("train=0.7,dev=0.1,test=0.2");

    private static EvalCase ticket(int i) {
        String tag = i % 10 == 0 ? "adversarial" : i % 3 == 0 ? "billing" : "shipping";
        return new EvalCase("t-" + i, Map.of("question", "question number " + i), Map.of("reference", "r" + i),
                List.of(tag), Map.of());
    }

    private Path corpus(String name, List<EvalCase> cases) {
        Path path = dir.resolve(name);
        CorpusWriter.write(path, new CorpusManifest("tickets", "1.0.0", "d", "MIT", "s", null, "0".repeat(64),
                List.of()), cases, false);
        return path;
    }

    private Map<String, String> splitOf(Path out) {
        Map<String, String> assignment = new HashMap<>();
        for (CorpusSplitter.Split split : SPLITS) {
            for (EvalCase c : CorpusLoader.verifying().load(out.resolve(split.name())).cases()) {
                assertThat(assignment.put(c.id(), split.name())).as("id %s in two splits", c.id()).isNull();
            }
        }
        return assignment;
    }

    @Test
    void everyCaseLandsInExactlyOneSplitInTheGivenProportions() {
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            cases.add(ticket(i));
        }
        CorpusSplitter.Result result = CorpusSplitter.split(corpus("all", cases), SPLITS, 7, "", dir.resolve("out"),
                false);

        Map<String, String> assignment = splitOf(dir.resolve("out"));
        assertThat(assignment).hasSize(3000);
        long test = assignment.values().stream().filter("test"::equals).count();
        assertThat(test).isBetween(540L, 660L); // 600 expected; 4.6 standard deviations either side
        // each tag is divided in about the same proportions
        Map<String, Integer> adversarial = result.strata().get("adversarial");
        assertThat(adversarial.get("train")).isBetween(180, 240);
        assertThat(result.manifests().get("test").name()).isEqualTo("tickets-test");
    }

    @Test
    void addingCasesMovesNoExistingCaseBetweenSplits() {
        List<EvalCase> before = new ArrayList<>();
        List<EvalCase> after = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            before.add(ticket(i));
        }
        // the grown corpus has new cases before, between and after the old ones, and one old case edited
        for (int i = -200; i < 1400; i++) {
            after.add(i == 500 ? new EvalCase("t-500", Map.of("question", "edited"), Map.of(), List.of("billing"),
                    Map.of()) : ticket(i));
        }
        CorpusSplitter.split(corpus("v1", before), SPLITS, 42, "", dir.resolve("split-v1"), false);
        CorpusSplitter.split(corpus("v2", after), SPLITS, 42, "", dir.resolve("split-v2"), false);

        Map<String, String> old = splitOf(dir.resolve("split-v1"));
        Map<String, String> now = splitOf(dir.resolve("split-v2"));
        assertThat(now).hasSize(1600);
        old.forEach((id, split) -> assertThat(now.get(id)).as("split of %s", id).isEqualTo(split));

        // another seed is another assignment
        CorpusSplitter.split(corpus("v1b", before), SPLITS, 43, "", dir.resolve("split-seed43"), false);
        Map<String, String> reseeded = splitOf(dir.resolve("split-seed43"));
        assertThat(reseeded.entrySet().stream().filter(e -> !e.getValue().equals(old.get(e.getKey()))).count())
                .isGreaterThan(300);
    }

    @Test
    void eachSplitRecordsItsParentSeedAndFractionsAndKeepsTheParentsLines() throws Exception {
        Path all = corpus("all", List.of(ticket(1), ticket(2), ticket(3), ticket(4), ticket(5), ticket(6),
                ticket(7), ticket(8), ticket(9), ticket(10), ticket(11), ticket(12)));
        Corpus parent = CorpusLoader.verifying().load(all);
        List<CorpusSplitter.Split> halves = CorpusSplitter.Split.parseAll("a=0.5,b=0.5");

        CorpusSplitter.split(all, halves, 3, "", dir.resolve("out"), false);

        Set<String> lines = new HashSet<>(Files.readAllLines(all.resolve("cases.jsonl")));
        for (String name : List.of("a", "b")) {
            Corpus split = CorpusLoader.verifying().load(dir.resolve("out").resolve(name));
            LineageStep step = split.manifest().lineage().last().orElseThrow();
            assertThat(step.operation()).isEqualTo("split");
            assertThat(step.parents()).containsExactly(parent.manifest().ref());
            assertThat(step.parameters()).containsEntry("seed", 3L).containsEntry("split", name)
                    .containsEntry("fractions", Map.of("a", 0.5, "b", 0.5));
            assertThat(lines).containsAll(Files.readAllLines(dir.resolve("out").resolve(name).resolve("cases.jsonl")));
        }
    }

    @Test
    void badSplitSpecsAndEmptySplitsAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> CorpusSplitter.Split.parseAll("train=0.8,test=0.3"))
                .hasMessageContaining("add up to");
        assertThatThrownBy(() -> CorpusSplitter.Split.parseAll("train=0.8")).hasMessageContaining("at least two");
        assertThatThrownBy(() -> CorpusSplitter.Split.parseAll("train=x,test=1")).hasMessageContaining("not a number");

        Path tiny = corpus("tiny", List.of(ticket(1)));
        assertThatThrownBy(() -> CorpusSplitter.split(tiny, SPLITS, 1, "", dir.resolve("out"), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got no case");
        for (CorpusSplitter.Split split : SPLITS) {
            assertThat(dir.resolve("out").resolve(split.name()).resolve("manifest.yaml")).doesNotExist();
        }
    }

    private static final Path HISTORICAL = Path.of("..", "corpora", "historical");

    @Test
    void everyTagOfTheHistoricalCorpusIsDividedNearTheAskedProportionsAndReachesEverySplitItOwes() {
        List<CorpusSplitter.Split> eightyTwenty = CorpusSplitter.Split.parseAll("train=0.8,test=0.2");
        for (String prefix : List.of("doc:", "labels:", "lang:", "")) {
            Path out = dir.resolve("historical-" + prefix.replace(":", ""));
            CorpusSplitter.Result result = CorpusSplitter.split(HISTORICAL, eightyTwenty, 11, prefix, out, false);

            assertThat(result.cases()).isEqualTo(340);
            assertThat(result.unfilled()).isEmpty();
            result.strata().forEach((stratum, perSplit) -> {
                int n = perSplit.values().stream().mapToInt(Integer::intValue).sum();
                int test = perSplit.getOrDefault("test", 0);
                // three binomial standard deviations and one case of rounding either side of n x 0.2
                double tolerance = 3 * Math.sqrt(n * 0.2 * 0.8) + 1;
                assertThat((double) test).as("%s: test cases of %d (prefix '%s')", stratum, n, prefix)
                        .isBetween(n * 0.2 - tolerance, n * 0.2 + tolerance);
                if (n >= 5) { // owed a test case: 5 x 0.2 = 1
                    assertThat(test).as("%s (%d cases) in test", stratum, n).isPositive();
                }
                if (n >= 2) { // owed a train case: 2 x 0.8 >= 1
                    assertThat(perSplit.getOrDefault("train", 0)).as("%s (%d cases) in train", stratum, n)
                            .isPositive();
                }
            });
            // the strata the counts report are the ones on disk
            Map<String, Map<String, Integer>> onDisk = new HashMap<>();
            for (CorpusSplitter.Split split : eightyTwenty) {
                for (EvalCase c : CorpusLoader.verifying().load(out.resolve(split.name())).cases()) {
                    onDisk.computeIfAbsent(StratifiedSampler.stratum(c, prefix), k -> new HashMap<>())
                            .merge(split.name(), 1, Integer::sum);
                }
            }
            assertThat(onDisk).isEqualTo(result.strata());
        }
    }

    @Test
    void aSmallStratumTheHashLeftOutOfASplitGetsTheCaseNearestThatSplitAndTheMoveIsRecorded() {
        List<CorpusSplitter.Split> eightyTwenty = CorpusSplitter.Split.parseAll("train=0.8,test=0.2");
        // five rare cases whose hashes all fall in train: 5 x 0.2 = 1 test case owed
        List<EvalCase> cases = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        for (int i = 0; rare.size() < 5; i++) {
            if (CorpusSplitter.assign("rare-" + i, 5, eightyTwenty).equals("train")) {
                rare.add("rare-" + i);
                cases.add(new EvalCase("rare-" + i, Map.of("question", "rare " + i), Map.of(), List.of("rare"),
                        Map.of()));
            }
        }
        for (int i = 0; i < 200; i++) {
            cases.add(ticket(i));
        }
        String nearest = rare.stream().max(java.util.Comparator.comparingDouble(
                id -> CorpusSplitter.unitInterval(id, 5))).orElseThrow();

        CorpusSplitter.Result result = CorpusSplitter.split(corpus("rare", cases), eightyTwenty, 5, "",
                dir.resolve("out"), false);

        assertThat(result.filled()).containsExactly(Map.entry(nearest, "test"));
        assertThat(result.strata().get("rare")).containsEntry("train", 4).containsEntry("test", 1);
        Map<String, String> placed = new HashMap<>();
        for (CorpusSplitter.Split split : eightyTwenty) {
            for (EvalCase c : CorpusLoader.verifying().load(dir.resolve("out").resolve(split.name())).cases()) {
                placed.put(c.id(), split.name());
            }
            LineageStep step = CorpusLoader.verifying().load(dir.resolve("out").resolve(split.name())).manifest()
                    .lineage().last().orElseThrow();
            assertThat(step.parameters()).containsEntry("filled", Map.of(nearest, "test"));
        }
        assertThat(placed).containsEntry(nearest, "test").hasSize(205);
        // every other case is where its hash put it
        placed.forEach((id, split) -> {
            if (!id.equals(nearest)) {
                assertThat(split).as(id).isEqualTo(CorpusSplitter.assign(id, 5, eightyTwenty));
            }
        });

        // without the fill, the pure assignment
        CorpusSplitter.Result pure = CorpusSplitter.split(corpus("rare2", cases), eightyTwenty, 5, "",
                dir.resolve("pure"), false, false);
        assertThat(pure.filled()).isEmpty();
        assertThat(pure.strata().get("rare")).containsExactly(Map.entry("train", 5));
    }
}
