package dev.evalgate.datasets;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long configuration YAML takes at and beyond its limits: refusing one 20 MB value, refusing a 1 MiB line, and
 * parsing the worst file still accepted (4 MiB of lines at the length limit, in a block scalar). Run with
 * <pre>
 * mvn -B -q -pl datasets -am test -Dtest=YamlLimitsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Devalgate.benchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "evalgate.benchmark", matches = "true")
class YamlLimitsBenchmark {
    @TempDir
    Path tmp;

    @Test
    void timesAtTheLimits() throws IOException {
        Path huge = bundle("huge.yaml", 1, 20_000_000);
        Path longLine = bundle("long-line.yaml", 1, 1 << 20);
        int lines = (int) ((InputKind.CONFIG.maxBytes() - 1024) / (InputKind.MAX_CONFIG_LINE_CHARS + 3));
        Path worst = bundle("worst-accepted.yaml", lines, InputKind.MAX_CONFIG_LINE_CHARS - 2);
        for (int round = 1; round <= 3; round++) {
            System.out.printf(Locale.ROOT, "round %d: 20 MB value %s; 1 MiB line %s; worst accepted (%d lines of %d)"
                    + " %s%n", round, time(huge), time(longLine), lines, InputKind.MAX_CONFIG_LINE_CHARS, time(worst));
        }
    }

    private Path bundle(String name, int lines, int lineLength) throws IOException {
        Path file = tmp.resolve(name);
        char[] line = new char[lineLength];
        java.util.Arrays.fill(line, 'y');
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("id: big\nversion: 1.0.0\nmodel: replay:x.jsonl\ntemplate: \"{{question}}\"\nsystem: ");
            out.write(lines == 1 ? "" : "|\n");
            for (int i = 0; i < lines; i++) {
                out.write(lines == 1 ? "" : "  ");
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }

    private static String time(Path file) {
        long started = System.nanoTime();
        String outcome;
        try {
            ConfigNode.parseYaml(file);
            outcome = "parsed";
        } catch (InvalidInputException e) {
            outcome = "refused";
        }
        return String.format(Locale.ROOT, "%s in %.1f ms", outcome, (System.nanoTime() - started) / 1e6);
    }
}
