package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A bundle's own {@code prices:} table: for its model it wins over the suite's {@code gate.prices}, in the prices
 * the run records, the cost it reports and the cost budget the gate checks; a misspelt field names the bundle's file.
 */
class BundlePricesTest {
    @TempDir
    Path tmp;

    @Test
    void theBundlesPriceWinsForItsModelInTheRecordAndTheBudget() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        writeBudgetSuite(project, "  prices:",
                "    'replay:outputs.jsonl': {input_per_million: 0.0, output_per_million: 0.0}");

        CliFixture.Outcome free = project.run("run", project.suite.toString(), "--history", "off", "--quiet");
        assertThat(free.code()).as(free.err() + free.out()).isZero();

        priceTheBundle(project);
        CliFixture.Outcome priced = project.run("run", project.suite.toString(), "--history", "off", "--quiet");
        assertThat(priced.code()).as("the bundle's price breaks the budget the suite's price kept")
                .isEqualTo(1);
        assertThat(priced.err() + priced.out()).contains("total cost 0.210000 exceeds");

        // The runs' ids order by the second they started, and both may start in the same one: read each.
        List<Double> inputPrices = new ArrayList<>();
        List<Double> outputPrices = new ArrayList<>();
        StringBuilder recorded = new StringBuilder(priced.err() + priced.out());
        try (var runs = Files.list(project.root.resolve("runs"))) {
            for (Path run : runs.filter(dir -> Files.isRegularFile(dir.resolve("run.json"))).toList()) {
                recorded.append(Files.readString(run.resolve("run.json")));
                JsonNode price = new ObjectMapper().readTree(run.resolve("run.json").toFile()).findValue("pricing")
                        .path("model");
                inputPrices.add(price.path("inputPerMillion").asDouble());
                outputPrices.add(price.path("outputPerMillion").asDouble());
            }
        }
        assertThat(inputPrices).as(recorded.toString()).containsExactlyInAnyOrder(0.0, 1000.0);
        assertThat(outputPrices).containsExactlyInAnyOrder(0.0, 3000.0);
    }

    @Test
    void aCostBudgetNeedsNoSuitePricesWhenTheBundlePricesItsModel() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        writeBudgetSuite(project);

        // No price anywhere: refused before the model loads, at the budget's line, naming both places a price goes.
        CliFixture.Outcome unpriced = project.run("run", project.suite.toString(), "--history", "off", "--quiet");
        assertThat(unpriced.code()).as(unpriced.err() + unpriced.out()).isEqualTo(2);
        assertThat(unpriced.err()).contains("suite.yaml:8").contains("total_cost").contains("gate.prices")
                .contains("bundle.yaml");
        assertThat(project.root.resolve("runs")).doesNotExist();

        priceTheBundle(project);
        CliFixture.Outcome priced = project.run("run", project.suite.toString(), "--history", "off", "--quiet");
        assertThat(priced.code()).as(priced.err() + priced.out()).isEqualTo(1);
        assertThat(priced.err() + priced.out()).contains("total cost 0.210000 exceeds");
    }

    @Test
    void aMisspeltPriceFieldNamesTheBundleFileAndField() {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.bundle, CliFixture.read(project.bundle) + String.join("\n",
                "prices:",
                "  'replay:outputs.jsonl': {input_per_milion: 1.0, output_per_million: 3.0}", ""));
        CliFixture.Outcome run = project.run("run", project.suite.toString(), "--history", "off", "--quiet");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bundle.yaml").contains("input_per_milion");
    }

    /**
     * A suite with a total_cost budget (and {@code gateLines} after it) over three replayed answers of 40 prompt and
     * 10 completion tokens each; the budget line is line 8.
     */
    private static void writeBudgetSuite(CliFixture project, String... gateLines) {
        List<String> suite = new ArrayList<>(List.of("name: tiny", "bundle: bundle.yaml", "corpora: [corpus]",
                "scorers:", "  - name: json", "    type: valid-json", "gate:", "  budgets: {total_cost: 0.000001}"));
        suite.addAll(List.of(gateLines));
        suite.addAll(List.of("output: runs", ""));
        CliFixture.write(project.suite, String.join("\n", suite));
        CliFixture.write(project.root.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{}\", \"prompt_tokens\": 40, \"completion_tokens\": 10}",
                "{\"id\": \"b\", \"output\": \"{}\", \"prompt_tokens\": 40, \"completion_tokens\": 10}",
                "{\"id\": \"c\", \"output\": \"{}\", \"prompt_tokens\": 40, \"completion_tokens\": 10}", ""));
    }

    /** The bundle's own prices for its model: 0.21 for the three answers, over the budget. */
    private static void priceTheBundle(CliFixture project) throws java.io.IOException {
        CliFixture.write(project.bundle, Files.readString(project.bundle) + String.join("\n",
                "prices:",
                "  'replay:outputs.jsonl': {input_per_million: 1000.0, output_per_million: 3000.0}", ""));
    }
}
