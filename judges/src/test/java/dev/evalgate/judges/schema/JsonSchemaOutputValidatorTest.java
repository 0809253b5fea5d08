package dev.evalgate.judges.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.OutputValidator;
import dev.evalgate.engine.OutputValidatorProvider;

class JsonSchemaOutputValidatorTest {
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("answer"),
            "properties", Map.of("answer", Map.of("type", "string")));

    private static OutputValidator validator() {
        List<OutputValidatorProvider> providers = ServiceLoader.load(OutputValidatorProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers).hasSize(1).first().isInstanceOf(JsonSchemaOutputValidator.Provider.class);
        return providers.get(0).forSchema(SCHEMA);
    }

    @Test
    void validOutputHasNoProblem() {
        assertThat(validator().problem("  {\"answer\": \"Paris\"}\n")).isEmpty();
    }

    @Test
    void problemsAreWordedForTheModel() {
        OutputValidator validator = validator();
        assertThat(validator.problem("{\"answer\": 4}")).get().asString()
                .contains("does not match the required schema").contains("answer");
        assertThat(validator.problem("{}")).get().asString().contains("answer");
        assertThat(validator.problem("Sure: {\"answer\": \"Paris\"}")).get().asString()
                .contains("not valid JSON").contains("no code fence");
        assertThat(validator.problem("```json\n{\"answer\": \"Paris\"}\n```")).isPresent();
        assertThat(validator.problem("")).get().asString().contains("empty");
    }

    @Test
    void anInvalidSchemaIsAnInputErrorNamingTheField() {
        assertThatThrownBy(() -> new JsonSchemaOutputValidator.Provider().forSchema(Map.of("type", "strnig")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("output_schema");
    }
}
