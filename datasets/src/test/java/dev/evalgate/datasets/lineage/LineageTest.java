package dev.evalgate.datasets.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.tooling.Changelog;
import dev.evalgate.datasets.tooling.CorpusFreezer;
import dev.evalgate.datasets.tooling.CorpusWriter;

/** Lineage written into manifests, read back, carried through derived corpora and extended by freeze. */
class LineageTest {
    @TempDir
    Path dir;

    private static EvalCase text(String id, String input) {
        return new EvalCase(id, Map.of("question", input), Map.of("reference", "ref " + id), List.of("historical"),
                Map.of());
    }

    private static CorpusManifest manifest(String name, String version, Lineage lineage) {
        return new CorpusManifest(name, version, "d", "MIT", "s", null, "0".repeat(64), List.of(), lineage);
    }

    @Test
    void aDerivedCorpusRecordsItsParentAndCarriesTheParentsSteps() {
        Map<String, Object> importParameters = Map.of("format", "jsonl", "source", "tickets.jsonl",
                "mapping", Map.of("input.question", "$.q"));
        CorpusWriter.write(dir.resolve("all"), manifest("support", "1.0.0", Lineage.imported(importParameters)),
                List.of(text("a", "alpha"), text("b", "beta")), false);
        Corpus all = CorpusLoader.verifying().load(dir.resolve("all"));

        LineageStep imported = all.manifest().lineage().last().orElseThrow();
        assertThat(imported.operation()).isEqualTo("import");
        assertThat(imported.corpus()).isEqualTo(new CorpusRef("support", "1.0.0", all.sha256()));
        assertThat(imported.parents()).isEmpty();
        assertThat(imported.parameters()).isEqualTo(importParameters);

        CorpusWriter.write(dir.resolve("test"), manifest("support-test", "1.0.0",
                Lineage.derive("split", Map.of("split", "test", "seed", 7), List.of(all.manifest()))),
                List.of(text("b", "beta")), false);
        Corpus test = CorpusLoader.verifying().load(dir.resolve("test"));

        Lineage lineage = test.manifest().lineage();
        assertThat(lineage.steps()).extracting(LineageStep::operation).containsExactly("import", "split");
        assertThat(lineage.parents()).containsExactly(all.manifest().ref());
        assertThat(lineage.last().orElseThrow().corpus()).isEqualTo(test.manifest().ref());
        assertThat(lineage.last().orElseThrow().parameters()).containsEntry("seed", 7L);
    }

    @Test
    void aManifestWithoutLineageStillLoadsAndIsWrittenAsBefore() throws Exception {
        CorpusManifest plain = new CorpusManifest("old", "1.0", "d", "MIT", "s", null, "0".repeat(64), List.of());
        CorpusWriter.write(dir.resolve("old"), plain, List.of(text("a", "alpha")), false);

        String yaml = Files.readString(dir.resolve("old/manifest.yaml"));
        assertThat(yaml).doesNotContain("lineage");
        assertThat(CorpusLoader.verifying().load(dir.resolve("old")).manifest().lineage().isEmpty()).isTrue();
    }

    @Test
    void freezingEditedCasesNeedsANewVersionAndRecordsWhichIdsChanged() throws Exception {
        Path corpus = dir.resolve("c");
        CorpusWriter.write(corpus, manifest("support", "1.2.3", Lineage.imported(Map.of("format", "csv"))),
                List.of(text("keep", "k"), text("edit", "before"), text("drop", "d")), false);
        CorpusManifest before = CorpusLoader.verifying().load(corpus).manifest();
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                CorpusWriter.caseLine(text("keep", "k")), CorpusWriter.caseLine(text("edit", "after")),
                CorpusWriter.caseLine(text("new", "n"))) + "\n", StandardCharsets.UTF_8);
        // a comment written by hand survives the rewrite of version, pin and lineage
        Files.writeString(corpus.resolve("manifest.yaml"), "# owned by the support team\n"
                + Files.readString(corpus.resolve("manifest.yaml")));

        assertThatThrownBy(() -> CorpusFreezer.freeze(corpus, CorpusFreezer.NewVersion.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--bump");

        CorpusFreezer.Result result = CorpusFreezer.freeze(corpus, new CorpusFreezer.NewVersion("minor", null));

        assertThat(result.status()).isEqualTo(CorpusFreezer.Status.CHANGED);
        assertThat(result.version()).isEqualTo("1.3.0");
        Changelog.Entry entry = result.change().orElseThrow();
        assertThat(entry.added()).containsExactly("new");
        assertThat(entry.removed()).containsExactly("drop");
        assertThat(entry.changed()).containsExactly("edit");
        assertThat(Changelog.read(corpus)).containsExactly(entry);

        Corpus frozen = CorpusLoader.verifying().load(corpus);
        assertThat(Files.readString(corpus.resolve("manifest.yaml"))).startsWith("# owned by the support team\n");
        Lineage lineage = frozen.manifest().lineage();
        assertThat(lineage.steps()).extracting(LineageStep::operation).containsExactly("import", "freeze");
        LineageStep freeze = lineage.last().orElseThrow();
        assertThat(freeze.corpus()).isEqualTo(new CorpusRef("support", "1.3.0", frozen.sha256()));
        assertThat(freeze.parents()).containsExactly(before.ref());
        assertThat(freeze.parameters()).containsEntry("added", 1L).containsEntry("removed", 1L)
                .containsEntry("changed", 1L).containsEntry("previous_version", "1.2.3");

        // a second edit is diffed against the version just frozen, not the first one
        Files.writeString(corpus.resolve("cases.jsonl"), CorpusWriter.caseLine(text("keep", "k")) + "\n",
                StandardCharsets.UTF_8);
        CorpusFreezer.Result second = CorpusFreezer.freeze(corpus, new CorpusFreezer.NewVersion(null, "2.0.0"));
        assertThat(second.change().orElseThrow().removed()).containsExactly("edit", "new");
        assertThat(CorpusLoader.verifying().load(corpus).manifest().lineage().steps())
                .extracting(s -> s.corpus().version()).containsExactly("1.2.3", "1.3.0", "2.0.0");
        assertThat(Changelog.read(corpus)).hasSize(2);
    }

    @Test
    void freezingAHandWrittenCorpusWithoutAnIndexSaysTheChangesAreUnknown() throws Exception {
        Path corpus = dir.resolve("hand");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), CorpusWriter.caseLine(text("a", "alpha")) + "\n");
        Files.writeString(corpus.resolve("manifest.yaml"), "name: hand\nversion: 1.0.0\n");

        assertThat(CorpusFreezer.freeze(corpus, CorpusFreezer.NewVersion.NONE).status())
                .isEqualTo(CorpusFreezer.Status.PINNED);
        Files.delete(corpus.resolve("case-fingerprints.tsv"));
        Files.writeString(corpus.resolve("cases.jsonl"), CorpusWriter.caseLine(text("b", "beta")) + "\n");

        CorpusFreezer.Result result = CorpusFreezer.freeze(corpus, new CorpusFreezer.NewVersion("patch", null));

        assertThat(result.change().orElseThrow().known()).isFalse();
        LineageStep freeze = CorpusLoader.verifying().load(corpus).manifest().lineage().last().orElseThrow();
        assertThat(freeze.parameters().get("changes").toString()).contains("unknown");
        assertThat(freeze.corpus().version()).isEqualTo("1.0.1");
    }
}
