package dev.evalgate.reports;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case list's filters, search, order and detail, driven in headless Chromium the way a reader would use them
 * (events on the page's own controls), on the hostile report: 8 regressed cases, one errored, one passing.
 */
class ReportInteractionBrowserTest {
    private static final Path OUT = Path.of("target", "browser-test", "interaction");

    @TempDir
    static Path scratch;

    static ReportFiles files;
    DevToolsSession page;

    @BeforeAll
    static void render() {
        files = RunReports.writeAll(RunFixtures.hostileCandidate(), RunFixtures.hostileContext(), OUT);
    }

    @BeforeEach
    void open() throws Exception {
        page = HeadlessChromium.locate(scratch).devTools();
        page.open(files.html().toAbsolutePath().toUri().toString());
        page.awaitCaseList();
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void opensOnTheRegressionsAndFiltersByStatusTagAndFailingScorer() throws Exception {
        assertThat(rows()).hasSize(8).allMatch(k -> k.startsWith("support/case-") || k.startsWith("support/hostile-"));

        choose("f-status", "all");
        assertThat(rows()).hasSize(10);

        choose("f-tag", "historical");
        assertThat(rows()).containsExactly("support/errored-case", "support/passing-case");

        choose("f-tag", "");
        choose("f-status", "errored");
        assertThat(rows()).containsExactly("support/errored-case");

        choose("f-status", "all");
        choose("f-scorer", "contains");
        assertThat(rows()).hasSize(8).doesNotContain("support/errored-case", "support/passing-case");
    }

    @Test
    void searchesOutputsAndOrdersTheList() throws Exception {
        choose("f-status", "all");
        page.evaluate("new Promise(r => { const q = document.getElementById('f-q'); q.value = 'PWNED-3';"
                + " q.dispatchEvent(new Event('input')); setTimeout(r, 400); })");
        assertThat(rows()).containsExactly("support/hostile-2");

        page.evaluate("new Promise(r => { const q = document.getElementById('f-q'); q.value = '';"
                + " q.dispatchEvent(new Event('input')); setTimeout(r, 400); })");
        choose("f-sort", "slow");
        List<String> slowest = rows();
        assertThat(slowest.get(0)).isEqualTo("support/hostile-7");
        assertThat(slowest.get(slowest.size() - 1)).isEqualTo("support/errored-case");

        assertThat(page.evaluate("document.getElementById('list-status').textContent"))
                .isEqualTo("Showing 1\u201310 of 10 matching cases (10 in the run).");
    }

    @Test
    void clickingACaseOpensItsDetailAndTheCloseButtonHidesIt() throws Exception {
        choose("f-status", "all");
        page.evaluate("(() => { document.querySelector('#case-rows tr[data-key=\"support/hostile-3\"] td:nth-child(2)')"
                + ".click(); return ''; })()");

        assertThat(page.evaluate("document.getElementById('detail').hidden ? 'hidden' : 'shown'")).isEqualTo("shown");
        assertThat(page.evaluate("document.querySelector('#detail h2').textContent")).isEqualTo("support/hostile-3");
        assertThat(page.evaluate("document.querySelector('#case-rows tr.selected').getAttribute('data-key')"))
                .isEqualTo("support/hostile-3");
        assertThat(page.evaluate("document.querySelector('#detail .sides .side:nth-child(2) pre').textContent"))
                .isEqualTo(RunFixtures.HOSTILE_OUTPUTS.get(3));

        assertThat(page.evaluate("location.hash")).as("the address keeps the filter and the open case")
                .isEqualTo("#show=all&case=support%2Fhostile-3");

        page.evaluate("(() => { document.querySelector('#detail button.close').click(); return ''; })()");
        assertThat(page.evaluate("document.getElementById('detail').hidden ? 'hidden' : 'shown'")).isEqualTo("hidden");
        assertThat(page.evaluate("location.hash")).isEqualTo("#show=all");
        assertThat(page.evaluate("document.title")).doesNotContain(RunFixtures.PWNED);
    }

    @Test
    void aLinkWithFiltersInTheAddressOpensOnThoseCases() throws Exception {
        page.open(files.html().toAbsolutePath().toUri() + "#show=all&tag=historical&sort=key&case=support%2Fpassing-case");

        assertThat(rows()).containsExactly("support/errored-case", "support/passing-case");
        assertThat(page.evaluate("document.getElementById('f-tag').value")).isEqualTo("historical");
        assertThat(page.evaluate("document.querySelector('#detail h2').textContent")).isEqualTo("support/passing-case");

        page.open(files.html().toAbsolutePath().toUri() + "#show=<img src=x>&tag=nonexistent");
        assertThat(rows()).as("unknown values fall back to the defaults").hasSize(8);
    }

    private void choose(String select, String value) throws Exception {
        page.evaluate("(() => { const s = document.getElementById('" + select + "'); s.value = '" + value + "';"
                + " s.dispatchEvent(new Event('change')); return ''; })()");
    }

    private List<String> rows() throws Exception {
        return Json.MAPPER.readValue(page.evaluate("JSON.stringify([...document.querySelectorAll('#case-rows tr')]"
                + ".map(t => t.getAttribute('data-key')))"), new TypeReference<List<String>>() { });
    }
}
