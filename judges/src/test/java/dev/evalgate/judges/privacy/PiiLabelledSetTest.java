package dev.evalgate.judges.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Precision and recall of {@link PiiDetector} per entity type on {@code privacy/pii-labelled.jsonl}: 334 short
 * synthetic texts with and without each type, including hard negatives (see make_pii_labelled.py for how they are
 * built and labelled). A text counts once per type: true positive when the type is labelled and found.
 */
class PiiLabelledSetTest {
    /** Floors per type; the measured values are printed by the test. Postal addresses are a heuristic. */
    private static final Map<String, double[]> FLOORS = Map.of(
            "email", new double[] {0.95, 0.90},
            "phone", new double[] {0.95, 0.95},
            "credit_card", new double[] {0.95, 0.95},
            "iban", new double[] {0.95, 0.95},
            "us_ssn", new double[] {0.95, 0.95},
            "uk_nino", new double[] {0.95, 0.95},
            "ip_address", new double[] {0.90, 0.95},
            "postal_address", new double[] {0.85, 0.80});

    record Row(String text, Set<String> entities, String note) {
    }

    static List<Row> rows() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PiiLabelledSetTest.class.getResourceAsStream("/privacy/pii-labelled.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = json.readTree(line);
                Set<String> entities = new HashSet<>();
                node.get("entities").forEach(e -> entities.add(e.asText()));
                rows.add(new Row(node.get("text").asText(), entities, node.get("note").asText()));
            }
        }
        return rows;
    }

    @Test
    void precisionAndRecallPerEntityTypeReachTheirFloors() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(300);
        PiiDetector detector = PiiDetector.defaults();
        Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
        for (PiiEntity entity : PiiEntity.values()) {
            counts.put(entity.id(), new int[3]);
        }
        List<String> mistakes = new ArrayList<>();
        for (Row row : rows) {
            Set<String> found = new HashSet<>();
            detector.find(row.text()).forEach(f -> found.add(f.kind()));
            for (Map.Entry<String, int[]> entry : counts.entrySet()) {
                boolean labelled = row.entities().contains(entry.getKey());
                boolean detected = found.contains(entry.getKey());
                if (labelled && detected) {
                    entry.getValue()[0]++;
                } else if (detected) {
                    entry.getValue()[1]++;
                    mistakes.add("FP " + entry.getKey() + ": " + row.text());
                } else if (labelled) {
                    entry.getValue()[2]++;
                    mistakes.add("FN " + entry.getKey() + ": " + row.text() + " (" + row.note() + ")");
                }
            }
        }
        System.out.printf("%-16s %5s %4s %4s %9s %7s%n", "entity", "tp", "fp", "fn", "precision", "recall");
        counts.forEach((type, c) -> System.out.printf("%-16s %5d %4d %4d %9.3f %7.3f%n", type, c[0], c[1], c[2],
                precision(c), recall(c)));
        mistakes.forEach(System.out::println);
        counts.forEach((type, c) -> {
            assertThat(c[0] + c[2]).as("positives of " + type).isGreaterThanOrEqualTo(20);
            assertThat(precision(c)).as("precision of " + type + "; " + mistakes).isGreaterThanOrEqualTo(FLOORS.get(type)[0]);
            assertThat(recall(c)).as("recall of " + type + "; " + mistakes).isGreaterThanOrEqualTo(FLOORS.get(type)[1]);
        });
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1 : c[0] / (double) (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1 : c[0] / (double) (c[0] + c[2]);
    }
}
