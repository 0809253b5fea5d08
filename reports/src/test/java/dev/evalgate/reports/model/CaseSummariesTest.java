package dev.evalgate.reports.model;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.RunFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case summaries that counts, charts and rankings read, made from the results' digests, say of every case what
 * its full view says: a report of a run read from its file counts the same cases as one made from the results.
 */
class CaseSummariesTest {
    @TempDir
    Path dir;

    private RunResult stored(RunResult run, String name) {
        try (RunStore store = RunStore.create(dir.resolve(name))) {
            store.writeRecord(new RunRecord(run.spec(), RunRecord.COMPLETED, null));
            run.results().forEach(store::append);
        }
        return RunStore.read(dir.resolve(name));
    }

    @Test
    void eachSummaryAgreesWithItsCasesFullViewWithAndWithoutAComparison() {
        RunResult baseline = stored(RunFixtures.synthetic(260, 3, 1, "base"), "base");
        RunResult candidate = stored(RunFixtures.synthetic(260, 3, 2, "cand"), "cand");

        for (ReportContext context : List.of(RunFixtures.gated(baseline, candidate),
                ReportContext.none().withBaseline(baseline), ReportContext.none())) {
            ReportModel model = ReportModel.of(candidate, context);
            List<CaseView> summaries = model.caseSummaries();
            assertThat(summaries).hasSize(260).isNotSameAs(model.cases());
            for (int i = 0; i < summaries.size(); i++) {
                CaseView s = summaries.get(i);
                CaseView full = model.cases().get(i);
                assertThat(List.of(s.k(), s.corpus(), s.id(), s.tags(), s.adv(), s.st(), s.ch(),
                        String.valueOf(s.bst()), s.failed(), s.lat())).isEqualTo(List.of(full.k(), full.corpus(),
                        full.id(), full.tags(), full.adv(), full.st(), full.ch(), String.valueOf(full.bst()),
                        full.failed(), full.lat()));
            }
            assertThat(model.counts().cases()).isEqualTo(260);
            // The short list is ranked on summaries and shown in full.
            assertThat(model.casesWorthALook(5)).hasSize(5).allSatisfy(c -> assertThat(c.prompt()).isNotEmpty());
        }
        ReportModel compared = ReportModel.of(candidate, RunFixtures.gated(baseline, candidate));
        // The runs differ enough that the summaries compared above told several kinds of case apart.
        assertThat(compared.caseSummaries().stream().map(CaseView::st).distinct()).hasSizeGreaterThan(2);
        assertThat(compared.caseSummaries().stream().map(CaseView::ch).distinct()).hasSizeGreaterThan(1);
    }
}
