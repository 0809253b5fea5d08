package dev.evalgate.datasets.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.LineageStep;

/**
 * Each record format imported from a file written as its tool documents it, including rows that cannot be
 * mapped: every bad row is listed with file and line, and nothing is written unless bad rows are skipped.
 */
class RecordImportTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(RecordImportTest.class.getResource(name).toURI());
    }

    private static ImportSettings settings(String name) {
        return new ImportSettings(name, "1.0.0", null, "CC-BY-4.0", null, null);
    }

    private RecordImport.Outcome importing(ImportFormat format, String file, FieldMapping mapping, boolean skip)
            throws Exception {
        return RecordImport.run(List.of(new RecordImport.Source(format, resource(file))), settings("c"), mapping,
                dir.resolve("out"), false, skip);
    }

    private Map<String, EvalCase> loaded() {
        Corpus corpus = CorpusLoader.verifying().load(dir.resolve("out"));
        return corpus.cases().stream().collect(Collectors.toMap(EvalCase::id, Function.identity()));
    }

    private static List<String> messages(RecordImport.Outcome outcome) {
        return outcome.problems().stream().map(Throwable::getMessage).toList();
    }

    @Test
    void genericJsonlWithAMappingListsEveryUnmappableRowAndWritesNothingByDefault() throws Exception {
        FieldMapping mapping = FieldMapping.fromSpecs(List.of("input.question=$.q", "expected.reference=$.answer",
                "tags=$.category", "metadata.team=$.agent.team?"), "$.ticket_id");
        Path source = resource("tickets.jsonl");

        RecordImport.Outcome refused = importing(ImportFormat.JSONL, "tickets.jsonl", mapping, false);

        assertThat(refused.written()).isFalse();
        assertThat(Files.exists(dir.resolve("out/manifest.yaml"))).isFalse();
        assertThat(messages(refused)).containsExactly(
                source + ":4: field 'input.question': the row has no value at $.q (mark the path optional with a"
                        + " trailing '?' if rows may lack it)",
                source + ":5: field 'id': case id 'T-1002' was already built from " + source + ":2; give each row"
                        + " its own id (or remove the repeated row)",
                source + ":6: field 'id': the id at $.ticket_id is an object; an id must be a non-empty text or a"
                        + " whole number",
                source + ":7: malformed JSON at column 1: Unrecognized token 'not': was expecting (JSON String,"
                        + " Number, Array, Object or token 'null', 'true' or 'false')",
                source + ":8: expected a JSON object on each line");

        RecordImport.Outcome skipped = importing(ImportFormat.JSONL, "tickets.jsonl", mapping, true);

        assertThat(skipped.cases()).isEqualTo(3);
        assertThat(skipped.badRows()).isEqualTo(5);
        Map<String, EvalCase> cases = loaded();
        assertThat(cases).containsOnlyKeys("T-1001", "T-1002", "T-1003");
        EvalCase first = cases.get("T-1001");
        assertThat(first.input()).isEqualTo(Map.of("question", "My parcel arrived damaged, what now?"));
        assertThat(first.expected()).containsEntry("reference", "Send us a photo within 14 days and we replace it.");
        assertThat(first.tags()).containsExactly("shipping");
        assertThat(first.metadata()).containsEntry("team", "tier-1");
        assertThat(cases.get("T-1002").metadata()).doesNotContainKey("team");
        LineageStep step = skipped.manifest().lineage().last().orElseThrow();
        assertThat(step.operation()).isEqualTo("import");
        assertThat(step.parameters()).containsEntry("mapping", mapping.describe()).containsEntry("skipped_bad_rows",
                5);
    }

    @Test
    void genericCsvMapsColumnsByHeaderNameAndNamesTheLineOfEachBadRow() throws Exception {
        FieldMapping mapping = FieldMapping.fromSpecs(List.of("input.question=$['Customer question']",
                "expected.reference=$.answer", "tags=$.category"), "$.ticket_id");
        Path source = resource("tickets.csv");

        RecordImport.Outcome outcome = importing(ImportFormat.CSV, "tickets.csv", mapping, true);

        assertThat(messages(outcome)).containsExactly(
                source + ":5: text after a closing quote; double a quote inside a quoted field (\"\")",
                source + ":4: 2 fields where the header has 4; quote fields that hold a comma");
        Map<String, EvalCase> cases = loaded();
        assertThat(cases).containsOnlyKeys("T-2001", "T-2002", "T-2005");
        assertThat(cases.get("T-2002").input()).containsEntry("question",
                "Is the jacket waterproof, or only water-resistant?");
        assertThat(cases.get("T-2005").input()).containsEntry("question", "Multi-line\nquestion here");
        assertThat(cases.get("T-2005").metadata()).containsEntry("source_line", 6);
    }

    @Test
    void idsFromContentStayTheSameWhenRowsAreAdded() throws Exception {
        FieldMapping mapping = FieldMapping.fromSpecs(List.of("input.question=$.q"), null);
        Path small = dir.resolve("small.jsonl");
        Files.writeString(small, "{\"q\": \"one\"}\n{\"q\": \"two\"}\n");
        Path grown = dir.resolve("grown.jsonl");
        Files.writeString(grown, "{\"q\": \"zero\"}\n{\"q\": \"one\"}\n{\"q\": \"two\"}\n");

        RecordImport.run(List.of(new RecordImport.Source(ImportFormat.JSONL, small)), settings("s"), mapping,
                dir.resolve("a"), false, false);
        RecordImport.run(List.of(new RecordImport.Source(ImportFormat.JSONL, grown)), settings("s"), mapping,
                dir.resolve("b"), false, false);

        List<String> before = CorpusLoader.verifying().load(dir.resolve("a")).cases().stream().map(EvalCase::id)
                .toList();
        List<String> after = CorpusLoader.verifying().load(dir.resolve("b")).cases().stream().map(EvalCase::id)
                .toList();
        assertThat(after).hasSize(3).containsAll(before);
    }

    @Test
    void aMappingNeedsAnInputAndValidPaths() {
        assertThatThrownBy(() -> FieldMapping.fromSpecs(List.of("expected.reference=$.a"), null))
                .hasMessageContaining("names no input");
        assertThatThrownBy(() -> FieldMapping.fromSpecs(List.of("input.q=q"), null))
                .hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> FieldMapping.fromSpecs(List.of("answer=$.a", "input=$.q"), null))
                .hasMessageContaining("target 'answer'");
    }

    @Test
    void aMappingFileReadsLikeTheFlags() throws Exception {
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, "id: $.ticket_id\nmap:\n  input.question: $.q\n  expected.reference: $.answer\n");
        assertThat(FieldMapping.read(file)).isEqualTo(FieldMapping.fromSpecs(
                List.of("input.question=$.q", "expected.reference=$.answer"), "$.ticket_id"));

        Files.writeString(file, "map:\n  input.question: $.q\n  answer: $.a\n");
        assertThatThrownBy(() -> FieldMapping.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":3: field 'map.answer'");
    }

    @Test
    void openAiEvalsSamplesBecomeChatsWithReferences() throws Exception {
        Path source = resource("samples.jsonl");

        RecordImport.Outcome outcome = importing(ImportFormat.OPENAI_EVALS, "samples.jsonl", null, true);

        assertThat(messages(outcome)).containsExactly(
                source + ":7: field 'input[0].content': expected the message's text",
                source + ":8: malformed JSON at column 70: Unexpected end-of-input: expected close marker for"
                        + " Object",
                source + ":9: field 'input': missing 'input' (chat messages or a prompt text)");
        assertThat(outcome.notes()).anyMatch(n -> n.contains("1 sample(s) have no 'ideal'"));
        List<EvalCase> cases = CorpusLoader.verifying().load(dir.resolve("out")).cases();
        assertThat(cases).hasSize(6);
        EvalCase first = cases.get(0);
        assertThat(first.input()).isEqualTo(Map.of("messages", List.of(
                Map.of("role", "system", "content", "Complete the phrase as concisely as possible."),
                Map.of("role", "user", "content", "Once upon a "))));
        assertThat(first.expected()).isEqualTo(Map.of("reference", "time"));
        assertThat(cases.get(2).expected()).isEqualTo(Map.of("references", List.of("4", "four")));
        assertThat(cases.get(3).input()).isEqualTo(Map.of("messages", List.of(
                Map.of("role", "user", "content", "Name the capital of France."))));
        assertThat(cases.get(4).input()).isEqualTo(Map.of("input", "Translate to German: good morning"));
        assertThat(cases.get(4).metadata()).containsEntry("category", "translation");
        assertThat(cases.get(5).expected()).isEmpty();
    }

    @Test
    void promptfooTestsMapTheirAssertionsToScorerFieldsAndReportTheRest() throws Exception {
        Path source = resource("promptfooconfig.yaml");

        RecordImport.Outcome outcome = importing(ImportFormat.PROMPTFOO, "promptfooconfig.yaml", null, true);

        Path configDir = source.toAbsolutePath().normalize().getParent();
        assertThat(messages(outcome)).containsExactly(
                source + ":95: field 'tests[9].vars.document': file://../../../../../../../pom.xml lies outside "
                        + configDir + ", the configuration's directory; only files under it are read",
                source + ":99: field 'tests[10].vars.question': file://docs/make_question.py is a script, which"
                        + " promptfoo runs to make the value; evalgate runs no script: write its output to a file"
                        + " and name that");
        assertThat(outcome.notes()).contains(
                source + ":27: tests[0].assert[1]: assertion 'llm-rubric' has no per-case equivalent in evalgate;"
                        + " not imported (a suite-level scorer such as regex or llm-rubric takes its rule as a"
                        + " parameter)");
        assertThat(outcome.notes()).anyMatch(n -> n.contains("not imported: {cost=1, javascript=1, llm-rubric=1,"
                + " regex=1, starts-with=1}"));
        Path testFile = configDir.resolve("tests/edge_cases.yaml");
        assertThat(outcome.notes()).contains(testFile + ":12: [1].assert[0]: assertion 'starts-with' has no per-case"
                + " equivalent in evalgate; not imported (a suite-level scorer such as regex or llm-rubric takes its"
                + " rule as a parameter)");
        List<EvalCase> cases = CorpusLoader.verifying().load(dir.resolve("out")).cases();
        // 4 tests, 3 languages, the test without vars, 2 from a test file, 2 policy files x 2 tones, 1 order
        assertThat(cases).hasSize(4 + 3 + 1 + 2 + 4 + 1);
        // a test file's tests take the default test's vars and assertions, and record where they came from
        assertThat(cases.subList(8, 10)).extracting(EvalCase::input).containsExactly(
                Map.of("shop", "Northwind Outfitters", "question", ""),
                Map.of("shop", "Northwind Outfitters", "question", "Do you sell gift cards?"));
        assertThat(cases.get(8).id()).startsWith("an-empty-question-");
        assertThat(cases.get(8).expected()).isEqualTo(Map.of("required_keywords", List.of("help"),
                "forbidden_keywords", List.of("as an AI language model")));
        assertThat(cases.get(9).metadata()).containsEntry("promptfoo_test_file", "tests/edge_cases.yaml")
                .containsEntry("source_line", 9);
        // the test without vars of its own still has the default test's vars, as in promptfoo
        assertThat(cases.get(7).input()).isEqualTo(Map.of("shop", "Northwind Outfitters"));
        assertThat(cases.get(7).expected()).containsEntry("schema", Map.of());
        // a list of values is one case per value, in the list's order
        assertThat(cases.subList(4, 7)).extracting(c -> c.input().get("language"))
                .containsExactly("French", "German", "Spanish");
        assertThat(cases.subList(4, 7)).allSatisfy(c -> assertThat(c.id()).startsWith("greeting-in-several-"));
        assertThat(cases.subList(4, 7)).extracting(EvalCase::id).doesNotHaveDuplicates();
        // a file:// glob and a list combine, the first variable varying slowest; files are read relative to the
        // configuration and recorded
        assertThat(cases.subList(10, 14)).extracting(c -> c.metadata().get("promptfoo_files") + " "
                + c.input().get("tone")).containsExactly(
                        "{policy=docs/policies/returns.md} formal", "{policy=docs/policies/returns.md} friendly",
                        "{policy=docs/policies/warranty.md} formal", "{policy=docs/policies/warranty.md} friendly");
        assertThat(cases.get(10).input()).containsEntry("policy",
                "Returns: unused items within 30 days, in their original packaging.\n");
        assertThat(cases.get(10).expected()).containsEntry("required_keywords", List.of("days"));
        // a .json file is parsed: an object stays an object
        assertThat(cases.get(14).input()).containsEntry("order", Map.of("order_id", "4471", "status", "shipped",
                "carrier", "DHL")).containsEntry("question", "Where is my order?");
        EvalCase refund = cases.get(0);
        assertThat(refund.id()).startsWith("refund-window-");
        assertThat(refund.input()).isEqualTo(Map.of("shop", "Northwind Outfitters",
                "question", "How many days do I have to return an item?"));
        assertThat(refund.expected()).isEqualTo(Map.of("required_keywords", List.of("30 days"),
                "forbidden_keywords", List.of("as an AI language model")));
        assertThat(cases.get(1).expected()).containsEntry("references", List.of(
                "Yes, we ship to Canada within 5-8 business days.",
                "We deliver to Canada in five to eight business days."));
        assertThat(cases.get(2).expected()).containsEntry("schema", Map.of("type", "object",
                "required", List.of("status"), "properties", Map.of("status", Map.of("type", "string"))));
        assertThat(cases.get(3).expected()).containsEntry("required_keywords", List.of("reset", "link"))
                .containsEntry("forbidden_keywords", List.of("as an AI language model", "password is",
                        "your password was"));
        assertThat(CorpusLoader.verifying().load(dir.resolve("out")).manifest().lineage().last().orElseThrow()
                .parameters().get("unmapped_assertions"))
                .isEqualTo(Map.of("cost", 1L, "javascript", 1L, "llm-rubric", 1L, "regex", 1L, "starts-with", 1L));
    }

    @Test
    void aPromptfooFileVarThatLinksOutOfTheConfigurationsDirectoryIsRefused() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the corpus\n");
        Files.createSymbolicLink(project.resolve("notes.txt"), secret);
        Files.writeString(project.resolve("kept.txt"), "a note\n");
        Path config = Files.writeString(project.resolve("promptfooconfig.yaml"), String.join("\n",
                "tests:", "  - vars:", "      note: file://*.txt", "  - vars:", "      note: file://kept.txt", ""));

        RecordImport.Outcome outcome = RecordImport.run(List.of(new RecordImport.Source(ImportFormat.PROMPTFOO,
                config)), settings("links"), null, dir.resolve("out"), false, true);

        assertThat(messages(outcome)).singleElement().asString().startsWith(config + ":3: field 'tests[0].vars.note':"
                + " file://*.txt is a link to " + secret.toRealPath() + ", outside the configuration's directory");
        assertThat(CorpusLoader.verifying().load(dir.resolve("out")).cases()).singleElement()
                .satisfies(c -> assertThat(c.input()).isEqualTo(Map.of("note", "a note\n")));
    }

    @Test
    void promptfooTestFilesInCsvAndJsonlAreReadAsPromptfooReadsThem() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path csv = Files.writeString(project.resolve("tests.csv"), String.join("\n",
                "question,__expected1,__expected2,__description,__prefix,__metadata:owner",
                "Can I pay with PayPal?,contains:PayPal,not-icontains:bitcoin,PayPal payments,Q: ,billing",
                "What is 2+2?,4,,,,",
                "Is shipping free?,\"contains-all: free, shipping\",javascript: output.length < 200,,,",
                "Too,many,fields,in,this,row,here", ""));
        Path jsonl = Files.writeString(project.resolve("more.jsonl"), String.join("\n",
                "{\"vars\": {\"question\": \"Where is my parcel?\"}, \"assert\": [{\"type\": \"icontains\","
                        + " \"value\": \"tracking\"}]}",
                "",
                "{\"description\": \"no vars\", \"assert\": [{\"type\": \"is-json\"}]}", ""));
        Path config = Files.writeString(project.resolve("promptfooconfig.yaml"), String.join("\n",
                "tests:",
                "  - file://tests.csv",
                "  - file://more.jsonl",
                "  - file://generate_tests.py",
                "  - file://missing/*.yaml", ""));
        Files.writeString(project.resolve("generate_tests.py"), "print('never run')\n");

        RecordImport.Outcome outcome = RecordImport.run(List.of(new RecordImport.Source(ImportFormat.PROMPTFOO,
                config)), settings("files"), null, dir.resolve("out"), false, true);

        assertThat(messages(outcome)).containsExactly(
                csv.toAbsolutePath().normalize() + ":5: field 'row 5': the row has 7 fields, the header 6",
                jsonl.toAbsolutePath().normalize() + ":3: field 'vars': the test has no vars, so there is no"
                        + " input to evaluate",
                config + ":4: field 'tests[2]': generate_tests.py is a script, which promptfoo runs to generate the"
                        + " tests; evalgate runs no script: write the tests it makes to a .yaml, .json, .jsonl or"
                        + " .csv file and name that",
                config + ":5: field 'tests[3]': file://missing/*.yaml: no file matches under "
                        + project.toAbsolutePath().normalize());
        List<EvalCase> cases = CorpusLoader.verifying().load(dir.resolve("out")).cases();
        assertThat(cases).extracting(c -> c.input().get("question")).containsExactly("Can I pay with PayPal?",
                "What is 2+2?", "Is shipping free?", "Where is my parcel?");
        // __expected columns are assertions written as text; a bare value is the answer to equal
        assertThat(cases.get(0).expected()).isEqualTo(Map.of("required_keywords", List.of("PayPal"),
                "forbidden_keywords", List.of("bitcoin")));
        assertThat(cases.get(0).id()).startsWith("paypal-payments-");
        assertThat(cases.get(0).input()).doesNotContainKeys("__prefix", "__description", "__metadata:owner");
        assertThat(cases.get(0).metadata()).containsEntry("promptfoo_metadata", Map.of("owner", "billing"))
                .containsEntry("promptfoo_test_file", "tests.csv").containsEntry("source_line", 2);
        assertThat(cases.get(1).expected()).isEqualTo(Map.of("reference", "4"));
        assertThat(cases.get(2).expected()).isEqualTo(Map.of("required_keywords", List.of("free", "shipping")));
        assertThat(cases.get(3).expected()).isEqualTo(Map.of("required_keywords", List.of("tracking")));
        assertThat(cases.get(3).metadata()).containsEntry("promptfoo_test_file", "more.jsonl")
                .containsEntry("source_line", 1);
        assertThat(outcome.notes()).anyMatch(n -> n.startsWith(csv.toAbsolutePath().normalize() + ":4: __expected2:"
                + " assertion 'javascript' has no per-case equivalent"));
        // the lineage names each test file with its content hash
        assertThat(CorpusLoader.verifying().load(dir.resolve("out")).manifest().lineage().last().orElseThrow()
                .parameters().get("test_files")).isEqualTo(Map.of("tests.csv", ContentHash.sha256(csv),
                        "more.jsonl", ContentHash.sha256(jsonl)));
    }

    @Test
    void otlpGenAiSpansBecomeChatsWithTheirOutputAsAReferenceToReview() throws Exception {
        Path source = resource("otlp-traces.json");

        RecordImport.Outcome outcome = importing(ImportFormat.OTLP_JSON, "otlp-traces.json", null, true);

        assertThat(messages(outcome)).containsExactly(source + ":75: field 'gen_ai.input.messages': span 'chat"
                + " gpt-4o-mini' (c8be7c8270314442) is a model call but carries no prompt: the instrumentation"
                + " recorded no message content (turn content capture on, e.g."
                + " OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)");
        assertThat(outcome.notes()).anyMatch(n -> n.contains("left out 1 span(s) without gen_ai attributes")
                && n.contains("{embeddings=1}"));
        Map<String, EvalCase> cases = loaded();
        assertThat(cases).containsOnlyKeys("span-eee19b7ec3c1b174", "span-b7ad6b7169203331");
        EvalCase semconv = cases.get("span-eee19b7ec3c1b174");
        assertThat(semconv.input()).isEqualTo(Map.of("messages", List.of(
                Map.of("role", "system", "content", "You are the support assistant of Northwind Outfitters."),
                Map.of("role", "user", "content", "How long do refunds take?"))));
        assertThat(semconv.expected()).isEqualTo(Map.of("reference",
                "Refunds reach your account within 5 business days."));
        assertThat(semconv.tags()).containsExactly("production", "needs-review");
        assertThat(semconv.metadata()).containsEntry("model", "gpt-4o-mini-2024-07-18")
                .containsEntry("service", "support-bot").containsEntry("trace_id", "5b8efff798038103d269b633813fc60c")
                .containsEntry("source_line", 14);
        EvalCase events = cases.get("span-b7ad6b7169203331");
        assertThat(events.input()).isEqualTo(Map.of("messages", List.of(
                Map.of("role", "system", "content", "Answer in one sentence."),
                Map.of("role", "user", "content", "Is the jacket machine washable?"))));
        assertThat(events.expected()).isEqualTo(Map.of("reference", "Yes, at 30 degrees on a gentle cycle."));
    }

    @Test
    void anOtlpExportWrittenOneRequestALineIsReadToo() throws Exception {
        String oneLine = Files.readString(resource("otlp-traces.json")).replaceAll("\\s*\\n\\s*", "");
        Path jsonl = dir.resolve("traces.jsonl");
        Files.writeString(jsonl, oneLine.replace("eee19b7ec3c1b174", "aaaaaaaaaaaaaaaa") + "\n"
                + oneLine.replace("eee19b7ec3c1b174", "bbbbbbbbbbbbbbbb") + "\n");

        RecordImport.Outcome outcome = RecordImport.run(List.of(new RecordImport.Source(ImportFormat.OTLP_JSON,
                jsonl)), settings("t"), null, dir.resolve("out"), false, true);

        assertThat(loaded()).containsKeys("span-aaaaaaaaaaaaaaaa", "span-bbbbbbbbbbbbbbbb");
        // the same second span in both requests is one case; its repeat is named with the line of each
        assertThat(messages(outcome)).anyMatch(m -> m.startsWith(jsonl + ":2: field 'id': case id"
                + " 'span-b7ad6b7169203331' was already built from " + jsonl + ":1"));
    }

    @Test
    void anEvalgateRunsResultsBecomeReferencesToReview() throws Exception {
        Path source = resource("results.jsonl");

        RecordImport.Outcome outcome = importing(ImportFormat.EVALGATE_RESULTS, "results.jsonl", null, true);

        assertThat(messages(outcome)).containsExactly(
                source + ":5: field 'error': case 'json-break' errored in this run (model server returned HTTP 503):"
                        + " no output to review",
                source + ":6: field 'output': case 'long-answer': the stored output was truncated, so it cannot"
                        + " serve as a reference");
        assertThat(outcome.notes()).anyMatch(n -> n.contains("1 further repeat(s)"));
        Map<String, EvalCase> cases = loaded();
        assertThat(cases).containsOnlyKeys("refund-window", "ship-canada");
        assertThat(cases.get("refund-window").expected()).isEqualTo(Map.of("reference",
                "{\"answer\": \"You have 30 days to return an unused item.\"}"));
        assertThat(cases.get("refund-window").input()).isEqualTo(Map.of("input",
                "Customer question: How many days do I have to return an item?"));
        assertThat(cases.get("refund-window").tags()).containsExactly("historical", "needs-review");
        assertThat(cases.get("refund-window").metadata()).containsEntry("run_id", "20261130-101500-support-1a2b");
        // the timed-out first repeat is no bad row: the second repeat gave an output
        assertThat(cases.get("ship-canada").metadata()).containsEntry("repeat", 1);
    }

    @Test
    void formatsThatNeedAMappingSayHowToGiveOne() {
        assertThatThrownBy(() -> importing(ImportFormat.JSONL, "tickets.jsonl", null, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--map input.NAME=$.field");
    }
}
