package dev.evalgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;

class JUnitXmlReportTest {
    @TempDir
    Path dir;

    private static Schema schema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try (InputStream xsd = JUnitXmlReportTest.class.getResourceAsStream("/junit-xml/junit.xsd")) {
            return factory.newSchema(new StreamSource(xsd));
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void theSchemaIsStrictEnoughToRejectCommonMistakes() throws Exception {
        String noSystemOut = "<testsuites><testsuite name='a' package='p' id='0' timestamp='2026-01-01T00:00:00' "
                + "hostname='h' tests='0' failures='0' errors='0' time='0'><properties/></testsuite></testsuites>";
        String zonedTimestamp = noSystemOut.replace("00:00:00'", "00:00:00Z'")
                .replace("<properties/>", "<properties/><system-out/><system-err/>");
        for (String invalid : List.of(noSystemOut, zonedTimestamp)) {
            assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(invalid))))
                    .as(invalid).isInstanceOf(SAXException.class);
        }
    }

    @Test
    void hostileRunValidatesAgainstTheJUnitSchema() throws Exception {
        ReportFiles files = RunReports.writeAll(RunFixtures.hostileCandidate(),
                ReportContext.none().withBaseline(RunFixtures.hostileBaseline()), dir);

        schema().newValidator().validate(new StreamSource(files.junitXml().toFile()));
    }

    @Test
    void oneTestcasePerCaseAndRepeatWithFailuresCarryingExplanationsAndErrorsForErroredCases() throws Exception {
        List<CaseResult> results = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            results.add(RunFixtures.result("faq", "refund-window", repeat, List.of("billing"), "How long?",
                    "Thirty days.", 120, List.of(Score.pass("contains", "found 'days'")), null));
            results.add(RunFixtures.result("faq", "wrong-answer", repeat, List.of("billing"), "Capital?",
                    "Lyon is the capital.", 80, List.of(Score.fail("exact-match",
                            "expected 'Paris', got 'Lyon is the capital.'"),
                            new Score("judge", 0.2, false, "rubric: factually wrong", Map.of())), null));
        }
        results.add(RunFixtures.result("smoke", "timeout", 0, List.of(), "hi", "", 0, List.of(),
                "model call timed out after 30000 ms"));
        RunResult run = RunFixtures.run(RunFixtures.spec("run-7", "1.0.0", 3, List.of()), results);

        Path file = RunReports.writeAll(run, ReportContext.none(), dir).junitXml();
        schema().newValidator().validate(new StreamSource(file.toFile()));

        Document doc = parse(file);
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).as("one testsuite per corpus").isEqualTo(2);
        Element faq = (Element) suites.item(0);
        assertThat(faq.getAttribute("tests")).isEqualTo("6");
        assertThat(faq.getAttribute("failures")).isEqualTo("3");
        assertThat(faq.getAttribute("errors")).isEqualTo("0");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(results.size());
        assertThat(((Element) cases.item(1)).getAttribute("name")).isEqualTo("wrong-answer [repeat 0]");
        assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("0.120");

        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("failed: exact-match (0.00), judge (0.20)");
        assertThat(failure.getTextContent()).contains("expected 'Paris', got 'Lyon is the capital.'")
                .contains("rubric: factually wrong").contains("Lyon is the capital.");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(3);

        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("model call timed out after 30000 ms");
        assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("timeout [repeat 0]");
    }

    @Test
    void charactersXmlCannotHoldAreReplacedSoTheFileStaysReadable() throws Exception {
        RunResult run = RunFixtures.run(RunFixtures.spec("run-8", "1.0.0", 1, List.of()), List.of(
                RunFixtures.result("c", "ctl", 0, List.of(), "p", "a\u0000b\u0007c\uD800d ]]> </failure>", 10,
                        List.of(Score.fail("s", "bad \u001B[31m ansi")), null)));

        Path file = RunReports.writeAll(run, ReportContext.none(), dir).junitXml();
        schema().newValidator().validate(new StreamSource(file.toFile()));

        String body = parse(file).getElementsByTagName("failure").item(0).getTextContent();
        assertThat(body).contains("a\uFFFDb\uFFFDc\uFFFDd ]]> </failure>").contains("bad \uFFFD[31m ansi");
    }
}
