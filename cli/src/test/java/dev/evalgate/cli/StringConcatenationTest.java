package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.history.HistoryStore;
import dev.evalgate.reports.RunReports;

/**
 * evalgate's classes concatenate strings with StringBuilder calls, not invokedynamic: each invokedynamic shape makes
 * the JVM generate method-handle classes the first time it runs, about a hundred in a short run, which no class-data
 * archive holds (the parent pom's -XDstringConcat=inline).
 */
class StringConcatenationTest {
    @Test
    void classesOfEveryModuleAreCompiledWithoutInvokedynamicConcatenation() throws Exception {
        for (Class<?> type : List.of(EvalgateCommand.class, RunCommand.class, Pipeline.class, HistoryStore.class,
                RunReports.class)) {
            String bytes;
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                assertThat(in).as(type.getName()).isNotNull();
                bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertThat(bytes).as("%s concatenates strings with StringBuilder", type.getName())
                    .doesNotContain("makeConcatWithConstants").contains("java/lang/StringBuilder");
        }
    }
}
