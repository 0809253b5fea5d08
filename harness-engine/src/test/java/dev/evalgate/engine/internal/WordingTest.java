package dev.evalgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.Setting;
import dev.evalgate.engine.Wording;
import dev.evalgate.engine.baseline.BaselineStore;

class WordingTest {
    /** A front end that spells every setting as {@code <SETTING=value>}, so a test sees where each one went. */
    static final Wording MARKED = (setting, value) -> "<" + setting + (value == null ? "" : "=" + value) + ">";

    @TempDir
    Path tmp;

    @Test
    void adviceIsWordedByTheFrontEndAndByTheEngineApiOtherwise() {
        Advice advice = Advice.text("choose another ").then(Setting.OUTPUT_DIRECTORY).then(" or finish it with ")
                .then(Setting.RESUME, Path.of("runs/r1"));

        assertThat(advice.render(MARKED)).isEqualTo("choose another <OUTPUT_DIRECTORY> or finish it with"
                + " <RESUME=runs/r1>");
        assertThat(advice).hasToString("choose another runsDirectory or finish it with resume(runs/r1)");
        assertThat(advice.mentions(Setting.RESUME)).isTrue();
        assertThat(advice.mentions(Setting.TIER)).isFalse();
    }

    @Test
    void theEngineWordsEverySettingWithoutACommandLineFlag() {
        for (Setting setting : Setting.values()) {
            assertThat(Wording.ENGINE.of(setting, null)).as(setting.name()).doesNotContain("--").isNotBlank();
            assertThat(Wording.ENGINE.of(setting, "x")).as(setting.name()).doesNotContain("--");
        }
    }

    @Test
    void anEngineErrorCarriesItsSettingsForTheFrontEndToWord() throws IOException {
        Path run = tmp.resolve("run-1");
        RunStore.create(run).writeRecord(new RunRecord(RunnerTest.spec(1), RunRecord.RUNNING, null));

        Throwable refused = catchThrowable(() -> RunStore.create(run));
        assertThat(MARKED.message(refused)).isEqualTo(run + ": a run already exists here; choose another"
                + " <OUTPUT_DIRECTORY> (an unfinished run is finished with <RESUME=" + run + ">)");

        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Throwable underAFile = catchThrowable(() -> RunStore.create(file.resolve("run-2")));
        assertThat(MARKED.message(underAFile)).startsWith(file + ": field '<OUTPUT_DIRECTORY>': this is a file")
                .endsWith("give <OUTPUT_DIRECTORY> a directory");

        Throwable missing = catchThrowable(() -> new BaselineStore(tmp.resolve("baselines")).read("main"));
        assertThat(MARKED.message(missing)).startsWith("field '<BASELINE>': no baseline 'main'")
                .endsWith("Promote a run first: <PROMOTE_BASELINE=main>");
    }

    @Test
    void aPlainExceptionKeepsItsMessage() {
        assertThat(MARKED.message(new IllegalStateException("as it was"))).isEqualTo("as it was");
        assertThat(MARKED.message(new EvaluationException("plain text"))).isEqualTo("plain text");
    }

    /**
     * The engine serves the command line and the JUnit engine alike: a string in its code that spells a flag
     * ({@code "... --out"}) would give a JUnit user advice they cannot follow. Advice names a {@link Setting}.
     */
    @Test
    void noStringInTheEngineSpellsACommandLineFlag() throws IOException {
        Pattern flagInString = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*?(?<![\\w-])--[a-z][a-z-]*(?:[^\"\\\\]|\\\\.)*\"");
        List<String> found = new ArrayList<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    Matcher m = flagInString.matcher(code);
                    if (m.find()) {
                        found.add(sources.relativize(file) + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("engine strings that name a command-line flag; use Advice with a Setting").isEmpty();
    }
}
