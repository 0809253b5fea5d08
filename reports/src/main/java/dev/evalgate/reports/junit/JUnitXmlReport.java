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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;

/**
 * {@code junit.xml} in the Ant format that Jenkins, GitLab and GitHub test reporters read: one {@code testsuite} per
 * corpus, one {@code testcase} per case and repeat; a case whose scorers failed is a {@code failure} carrying their
 * explanations, a case that could not be evaluated is an {@code error}. The shape satisfies the strict Windy Road
 * schema (properties, system-out and system-err present, timestamp without zone), so lenient readers accept it too.
 */
public final class JUnitXmlReport {
    static final int OUTPUT_EXCERPT_CHARS = 2_000;
    static final int MESSAGE_CHARS = 300;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT);

    private JUnitXmlReport() {
    }

    public static void write(RunResult run, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(run, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(RunResult run, XMLStreamWriter xml) throws XMLStreamException {
        RunSpec spec = run.spec();
        Map<String, List<CaseResult>> byCorpus = new LinkedHashMap<>();
        for (CaseResult r : run.results()) {
            byCorpus.computeIfAbsent(r.corpus().isEmpty() ? "cases" : r.corpus(), k -> new ArrayList<>()).add(r);
        }
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        // No attributes on the root: the strict schema allows none, and readers sum the testsuite counts anyway.
        xml.writeStartElement("testsuites");
        xml.writeCharacters("\n");
        int id = 0;
        for (Map.Entry<String, List<CaseResult>> corpus : byCorpus.entrySet()) {
            writeSuite(spec, corpus.getKey(), corpus.getValue(), id++, xml);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static void writeSuite(RunSpec spec, String corpus, List<CaseResult> results, int id,
                                   XMLStreamWriter xml) throws XMLStreamException {
        int failures = 0;
        int errors = 0;
        double seconds = 0;
        for (CaseResult r : results) {
            failures += !r.errored() && !r.passed() ? 1 : 0;
            errors += r.errored() ? 1 : 0;
            seconds += r.stats().latencyMs() / 1000.0;
        }
        String className = className(spec, corpus);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", className);
        xml.writeAttribute("package", "evalgate");
        xml.writeAttribute("id", Integer.toString(id));
        xml.writeAttribute("timestamp", timestamp(spec.startedAt()));
        xml.writeAttribute("hostname", spec.host() == null || spec.host().isBlank() ? "localhost"
                : XmlText.oneLine(spec.host(), MESSAGE_CHARS));
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", time(seconds));
        xml.writeCharacters("\n");
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
        boolean repeated = spec.repeats() > 1 || results.stream().anyMatch(r -> r.repeat() > 0);
        for (CaseResult r : results) {
            writeCase(r, className, repeated, xml);
        }
        xml.writeStartElement("system-out");
        xml.writeEndElement();
        xml.writeStartElement("system-err");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void writeCase(CaseResult r, String className, boolean repeated, XMLStreamWriter xml)
            throws XMLStreamException {
        xml.writeStartElement("testcase");
        String name = repeated ? r.caseId() + " [repeat " + r.repeat() + "]" : r.caseId();
        xml.writeAttribute("name", XmlText.oneLine(name, 500));
        xml.writeAttribute("classname", className);
        xml.writeAttribute("time", time(r.stats().latencyMs() / 1000.0));
        if (r.errored()) {
            xml.writeStartElement("error");
            xml.writeAttribute("message", XmlText.oneLine(r.error(), MESSAGE_CHARS));
            xml.writeAttribute("type", "evalgate.EvaluationError");
            xml.writeCharacters(XmlText.clean(CaseResult.cap(r.error(), 8_000)));
            xml.writeEndElement();
        } else if (!r.passed()) {
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
