package dev.evalgate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigNodeTest {
    private static final Path FILE = Path.of("suite.yaml");

    private static ConfigNode parse(String yaml) {
        return ConfigNode.parseYaml(FILE, new StringReader(yaml));
    }

    @Test
    void typedValuesAndPathsWithLines() {
        ConfigNode root = parse("name: x\nlist:\n  - a: 1\n    b: 2.5\n  - a: 3\nflag: true\n");
        List<ConfigNode> list = root.required("list").asList();
        assertThat(list.get(1).required("a").asInt()).isEqualTo(3);
        assertThat(list.get(1).required("a").line()).isEqualTo(5);
        assertThat(list.get(0).required("b").path()).isEqualTo("list[0].b");
        assertThat(root.bool("flag", false)).isTrue();
        assertThat(root.integer("missing", 9)).isEqualTo(9);
        assertThat(root.required("list").toPlain())
                .isEqualTo(List.of(Map.of("a", 1L, "b", 2.5), Map.of("a", 3L)));
    }

    @Test
    void mistakesNameFileLineAndField() {
        assertThatThrownBy(() -> parse("name: x\nrepeats: many\n").required("repeats").asInt())
                .hasMessage("suite.yaml:2: field 'repeats': expected a whole number, found 'many'");
        assertThatThrownBy(() -> parse("name: x\nnmae: y\n").allowOnly("name"))
                .hasMessage("suite.yaml:2: field 'nmae': unknown field; allowed here: name");
        assertThatThrownBy(() -> parse("a:\n  b: 1\n").required("a").required("c"))
                .hasMessage("suite.yaml:2: field 'a.c': required field is missing");
        assertThatThrownBy(() -> parse("a: 1\na: 2\n")).hasMessageContaining("not valid YAML")
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> parse("- just\n- a list\n")).hasMessageContaining("expected a YAML mapping");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    }

    @Test
    void aBillionLaughsDocumentIsRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        String prev = "a";
        for (int i = 0; i < 10; i++) {
            String name = "l" + i;
            yaml.append(name).append(": &").append(name).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
            prev = name;
        }
        assertThatThrownBy(() -> parse(yaml.toString()).toPlain()).isInstanceOf(InvalidInputException.class);
    }
}
