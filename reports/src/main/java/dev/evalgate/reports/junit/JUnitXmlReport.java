package dev.evalgate.reports.junit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.ResultDigest;
import dev.evalgate.engine.internal.ResultsByCase;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.gate.RuleCheck;
import dev.evalgate.engine.gate.Violation;

/**
 * {@code junit.xml} in the Ant format that Jenkins, GitLab and GitHub test reporters read: one {@code testsuite} per
 * corpus, one {@code testcase} per case and repeat; a case whose scorers failed is a {@code failure} carrying their
 * explanations, a case that could not be evaluated is an {@code error}. The shape satisfies the strict Windy Road
 * schema (properties, system-out and system-err present, timestamp without zone), so lenient readers accept it too.
 *
 * <p>With a gate verdict the file tells the gate's story: a last {@code testsuite} holds one {@code testcase} per
 * gate rule (a broken rule is a failure, a rule that was not checked is skipped with the reason), and when the
 * gate passed, the case failures and errors it tolerated are {@code skipped} with their explanation, so a CI test
 * reporter shows a passing gate as a passing build and a failing gate as a failing one.
 */
public final class JUnitXmlReport {
    static final int OUTPUT_EXCERPT_CHARS = 2_000;
    static final int MESSAGE_CHARS = 300;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT);

    private JUnitXmlReport() {
    }

    public static void write(RunResult run, Path file) throws IOException {
        write(run, null, file);
    }

    /** @param verdict the gate's verdict on the run, or null when no gate was applied */
    public static void write(RunResult run, GateVerdict verdict, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(run, verdict, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(RunResult run, GateVerdict verdict, XMLStreamWriter xml) throws XMLStreamException {
        RunSpec spec = run.spec();
        // Names, verdicts and times come from the results' digest; only a result that did not pass is read again,
        // for its explanations and output. Positions in the run's list, grouped by corpus in order of appearance.
        ResultDigest digest = ResultDigest.of(run.results());
        Map<String, int[]> byCorpus = ResultsByCase.positions(digest.size(), i -> suiteCorpus(digest, i));
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        // No attributes on the root: the strict schema allows none, and readers sum the testsuite counts anyway.
        xml.writeStartElement("testsuites");
        xml.writeCharacters("\n");
        int id = 0;
        boolean tolerated = verdict != null && verdict.passed();
        for (Map.Entry<String, int[]> corpus : byCorpus.entrySet()) {
            writeSuite(spec, corpus.getKey(), new Results(run.results(), digest, corpus.getValue()), id++,
                    tolerated, xml);
        }
        if (verdict != null) {
            writeGateSuite(spec, verdict, id, xml);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    /** One corpus's results: the positions of its results in the run's list, with the run's digest. */
    private record Results(List<CaseResult> all, ResultDigest digest, int[] positions) {
    }

    private static String suiteCorpus(ResultDigest d, int i) {
        String corpus = d.corpus(d.caseOf(i));
        return corpus.isEmpty() ? "cases" : corpus;
    }

    private static void writeSuite(RunSpec spec, String corpus, Results results, int id,
                                   boolean tolerated, XMLStreamWriter xml) throws XMLStreamException {
        ResultDigest d = results.digest();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double seconds = 0;
        boolean anyRepeat = false;
        for (int i : results.positions()) {
            if (tolerated) {
                skipped += !d.passed(i) ? 1 : 0;
            } else {
                failures += !d.errored(i) && !d.passed(i) ? 1 : 0;
                errors += d.errored(i) ? 1 : 0;
            }
            seconds += d.latencyMs(i) / 1000.0;
            anyRepeat |= d.repeat(i) > 0;
        }
        String className = className(spec, corpus);
        startTestSuite(xml, spec, className, id, results.positions().length, failures, errors, skipped, seconds);
        xml.writeStartElement("properties");
        property(xml, "run", spec.runId());
        property(xml, "bundle", spec.bundle() == null ? null : spec.bundle().label());
        property(xml, "bundle.digest", spec.bundleDigest());
        property(xml, "model", spec.model() == null ? null : spec.model().backend() + ":" + spec.model().model());
        for (var ref : spec.corpora()) {
            if (ref.name().equals(corpus)) {
                property(xml, "corpus.version", ref.version());
                property(xml, "corpus.sha256", ref.sha256());
            }
        }
        property(xml, "engine", spec.engineVersion());
        xml.writeEndElement();
        xml.writeCharacters("\n");
        boolean repeated = spec.repeats() > 1 || anyRepeat;
        for (int i : results.positions()) {
            writeCase(results, i, className, repeated, tolerated, xml);
        }
        xml.writeStartElement("system-out");
        xml.writeEndElement();
        xml.writeStartElement("system-err");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void writeCase(Results results, int position, String className, boolean repeated,
                                  boolean tolerated, XMLStreamWriter xml) throws XMLStreamException {
        ResultDigest d = results.digest();
        xml.writeStartElement("testcase");
        String caseId = d.caseId(d.caseOf(position));
        String name = repeated ? caseId + " [repeat " + d.repeat(position) + "]" : caseId;
        xml.writeAttribute("name", XmlText.oneLine(name, 500));
        xml.writeAttribute("classname", className);
        xml.writeAttribute("time", time(d.latencyMs(position) / 1000.0));
        if (!d.passed(position)) {
            writeVerdict(results.all().get(position), tolerated, xml);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** Why a case did not pass: tolerated (skipped), errored, or failed, with its scorers' explanations. */
    private static void writeVerdict(CaseResult r, boolean tolerated, XMLStreamWriter xml)
            throws XMLStreamException {
        if (tolerated) {
            // The gate passed with this case not passing: the build is green, and the reason stays readable.
            String what = r.errored() ? "errored: " + r.error() : "failed: " + String.join(", ", r.scores().stream()
                    .filter(s -> !s.passed()).map(s -> s.name() + " (" + CaseResult.cap(s.explanation(), 200) + ")")
                    .toList());
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", XmlText.oneLine("tolerated by the gate, which passed; " + what,
                    MESSAGE_CHARS));
            xml.writeEndElement();
        } else if (r.errored()) {
            xml.writeStartElement("error");
            xml.writeAttribute("message", XmlText.oneLine(r.error(), MESSAGE_CHARS));
            xml.writeAttribute("type", "evalgate.EvaluationError");
            xml.writeCharacters(XmlText.clean(CaseResult.cap(r.error(), 8_000)));
            xml.writeEndElement();
        } else {
            List<Score> failed = r.scores().stream().filter(s -> !s.passed()).toList();
            StringBuilder message = new StringBuilder("failed: ");
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < failed.size(); i++) {
                Score s = failed.get(i);
                message.append(i == 0 ? "" : ", ").append(s.name())
                        .append(String.format(Locale.ROOT, " (%.2f)", s.value()));
                body.append(s.name()).append(String.format(Locale.ROOT, " = %.3f%s: ", s.value(),
                        s.undecided() ? " (undecided)" : "")).append(CaseResult.cap(s.explanation(), 2_000))
                        .append('\n');
            }
            body.append("\noutput").append(r.output().length() > OUTPUT_EXCERPT_CHARS
                    ? " (first " + OUTPUT_EXCERPT_CHARS + " of " + r.output().length() + " characters)" : "")
                    .append(":\n").append(CaseResult.cap(r.output(), OUTPUT_EXCERPT_CHARS));
            if (r.traceId() != null) {
                body.append("\n\ntrace: ").append(r.traceId());
            }
            xml.writeStartElement("failure");
            xml.writeAttribute("message", XmlText.oneLine(message.toString(), MESSAGE_CHARS));
            xml.writeAttribute("type", "evalgate.ScoreFailed");
            xml.writeCharacters(XmlText.clean(body.toString()));
            xml.writeEndElement();
        }
    }

    /** Opens a {@code testsuite} element with the attributes the strict JUnit schema requires, in its order. */
    private static void startTestSuite(XMLStreamWriter xml, RunSpec spec, String className, int id, int tests,
                                       int failures, int errors, int skipped, double seconds)
            throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", className);
        xml.writeAttribute("package", "evalgate");
        xml.writeAttribute("id", Integer.toString(id));
        xml.writeAttribute("timestamp", timestamp(spec.startedAt()));
        xml.writeAttribute("hostname", spec.host() == null || spec.host().isBlank() ? "localhost"
                : XmlText.oneLine(spec.host(), MESSAGE_CHARS));
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("skipped", Integer.toString(skipped));
        xml.writeAttribute("time", time(seconds));
        xml.writeCharacters("\n");
    }

    /** One test case per gate rule: the gate itself is what CI fails on, so it is a test of its own. */
    private static void writeGateSuite(RunSpec spec, GateVerdict verdict, int id, XMLStreamWriter xml)
            throws XMLStreamException {
        String className = XmlText.oneLine(("evalgate." + suiteName(spec) + ".gate").replaceAll("[\\s/\\\\]+",
                "_"), MESSAGE_CHARS);
        int skipped = 0;
        for (RuleCheck check : verdict.checks()) {
            boolean violated = verdict.violations().stream().anyMatch(v -> v.rule().equals(check.rule()));
            skipped += check.status() == RuleCheck.Status.NOT_CHECKED && !violated ? 1 : 0;
        }
        startTestSuite(xml, spec, className, id, verdict.checks().size(), verdict.violations().size(), 0, skipped, 0);
        xml.writeStartElement("properties");
        property(xml, "run", spec.runId());
        property(xml, "gate.passed", Boolean.toString(verdict.passed()));
        xml.writeEndElement();
        xml.writeCharacters("\n");
        for (RuleCheck check : verdict.checks()) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("name", XmlText.oneLine("gate " + check.rule(), 500));
            xml.writeAttribute("classname", className);
            xml.writeAttribute("time", time(0));
            Violation violation = verdict.violations().stream().filter(v -> v.rule().equals(check.rule()))
                    .findFirst().orElse(null);
            if (violation != null) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", XmlText.oneLine(violation.message(), MESSAGE_CHARS));
                xml.writeAttribute("type", "evalgate.GateRuleBroken");
                xml.writeCharacters(XmlText.clean(violation.message() + (violation.caseIds().isEmpty() ? ""
                        : "\ncases: " + String.join(", ", violation.caseIds()) + (violation.offendingCases()
                        > violation.caseIds().size() ? " and " + (violation.offendingCases()
                        - violation.caseIds().size()) + " more" : ""))));
                xml.writeEndElement();
            } else if (check.status() == RuleCheck.Status.NOT_CHECKED) {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", XmlText.oneLine(check.message(), MESSAGE_CHARS));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeStartElement("system-out");
        xml.writeCharacters(XmlText.clean(verdict.notes().isEmpty() ? "" : String.join("\n", verdict.notes())));
        xml.writeEndElement();
        xml.writeStartElement("system-err");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null || value.isEmpty()) {
            return;
        }
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", XmlText.oneLine(value, 1_000));
    }

    private static String suiteName(RunSpec spec) {
        return spec.suite() == null || spec.suite().isBlank() ? spec.runId() : spec.suite();
    }

    /** Test reporters group by class name, so {@code evalgate.SUITE.CORPUS} groups a run's cases by corpus. */
    private static String className(RunSpec spec, String corpus) {
        String raw = "evalgate." + suiteName(spec) + "." + corpus;
        return XmlText.oneLine(raw.replaceAll("[\\s/\\\\]+", "_"), MESSAGE_CHARS);
    }

    private static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(seconds) ? Math.max(0, seconds) : 0);
    }

    /** The schema wants local date-time without zone; runs record an instant, written here in UTC. */
    static String timestamp(String startedAt) {
        Instant instant;
        try {
            instant = startedAt == null ? Instant.now() : Instant.parse(startedAt);
        } catch (DateTimeParseException e) {
            instant = Instant.now();
        }
        return TIMESTAMP.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }
}
