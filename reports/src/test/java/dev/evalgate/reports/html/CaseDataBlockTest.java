package dev.evalgate.reports.html;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.RunFixtures;
import dev.evalgate.reports.model.ReportModel;

import static org.assertj.core.api.Assertions.assertThat;

/** The case data written into the page as it is produced: plain and script-safe, or gzipped in base64. */
class CaseDataBlockTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<script type=\"([^\"]+)\" id=\"case-data\"( data-encoding=\"gzip\\+base64\")?>(.*?)</script>",
            Pattern.DOTALL);

    @Test
    void compressedAndPlainBlocksHoldTheSameData() throws Exception {
        ReportModel model = ReportModel.of(RunFixtures.hostileCandidate(), RunFixtures.hostileContext());

        Matcher plain = block(model, false);
        Matcher packed = block(model, true);

        assertThat(plain.group(1)).isEqualTo("application/json");
        assertThat(plain.group(2)).isNull();
        assertThat(packed.group(1)).isEqualTo("application/octet-stream");
        assertThat(packed.group(2)).isNotNull();
        assertThat(packed.group(3)).matches("[A-Za-z0-9+/=]+");
        // The page's file encoder turns the fixture's lone surrogate into '?'; the packed block does so itself.
        JsonNode fromPlain = Json.MAPPER.readTree(plain.group(3).replace('\uD800', '?'));
        JsonNode fromPacked = Json.MAPPER.readTree(gunzip(packed.group(3)));
        assertThat(fromPacked).isEqualTo(fromPlain);
        assertThat(fromPacked.path("cases").toString()).contains("<script>document.title=");
    }

    @Test
    void aLoneSurrogateInAnOutputIsReplacedInTheCompressedBlockAsInEveryReportFile() throws Exception {
        RunResult run = RunFixtures.run(RunFixtures.spec("run-surrogate", "1.0.0", 1, List.of()), List.of(
                RunFixtures.result("c", "lone", 0, List.of(), "p", "before \ud800 after", 10, List.of(), null)));

        Matcher packed = block(ReportModel.of(run, ReportContext.none()), true);

        JsonNode data = Json.MAPPER.readTree(gunzip(packed.group(3)));
        assertThat(data.path("cases").get(0).path("reps").get(0).path("out").asText())
                .isEqualTo("before ? after");
    }

    @Test
    void theStreamingEscapeMatchesTheWholeStringEscapeHoweverTheTextIsCut() throws Exception {
        String json = "{\"o\":\"</script><b>&amp;\u2028\u2029 plain\"}";
        StringWriter byChar = new StringWriter();
        try (ScriptSafeWriter out = new ScriptSafeWriter(byChar)) {
            for (char c : json.toCharArray()) {
                out.write(c);
            }
        }
        StringWriter bySlices = new StringWriter();
        try (ScriptSafeWriter out = new ScriptSafeWriter(bySlices)) {
            out.write(json, 0, 7);
            out.write(json.toCharArray(), 7, json.length() - 7);
        }

        assertThat(byChar.toString()).isEqualTo(ScriptSafeJson.escape(json)).doesNotContain("<", ">", "&");
        assertThat(bySlices.toString()).isEqualTo(byChar.toString());
        assertThat(Json.MAPPER.readTree(byChar.toString()).path("o").asText())
                .isEqualTo("</script><b>&amp;\u2028\u2029 plain");
    }

    private static Matcher block(ReportModel model, boolean compressed) throws Exception {
        StringWriter page = new StringWriter();
        HtmlReport.render(model, page, compressed);
        Matcher block = BLOCK.matcher(page.toString());
        assertThat(block.find()).as("the case-data block").isTrue();
        return block;
    }

    private static String gunzip(String base64) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
