package dev.evalgate.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import dev.evalgate.reports.io.TextFiles;
import dev.evalgate.reports.model.ReportModel;

/**
 * {@code report.html}: one self-contained file (inline CSS, script and SVG; nothing fetched) that opens from
 * {@code file://} on a machine without network. The summary, metrics and charts are rendered here with
 * auto-escaping; the case list is rendered by the page's script from an embedded JSON block, one page of rows at
 * a time, so a 10,000-case run stays responsive.
 *
 * <p>Defence in depth against hostile outputs: the template escapes everything it prints, the JSON block cannot
 * close its element ({@link ScriptSafeJson}), the script writes case data only through {@code textContent}, and a
 * Content-Security-Policy with a per-render nonce refuses any script element the page did not put there itself.
 */
public final class HtmlReport {
    private static final String TEMPLATES = "/dev/evalgate/reports/html";
    private static final Configuration FREEMARKER = configuration();
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cases listed in the page itself for readers whose browser cannot run the interactive list. */
    static final int STATIC_CASES = 200;

    private HtmlReport() {
    }

    public static void write(ReportModel model, Path file) throws IOException {
        try (Writer out = TextFiles.create(file)) {
            render(model, out);
        }
    }

    public static void render(ReportModel model, Writer out) throws IOException {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        Map<String, Object> data = new HashMap<>();
        data.put("r", model);
        data.put("attention", model.casesWorthALook(STATIC_CASES));
        data.put("nonce", Base64.getEncoder().encodeToString(nonce));
        data.put("css", CSS);
        data.put("script", SCRIPT);
        data.put("caseData", ScriptSafeJson.of(Map.of("cases", model.cases(), "scorers", model.scorers(),
                "tags", model.tags(), "hasBaseline", model.header().hasBaseline())));
        try {
            Template template = FREEMARKER.getTemplate("report.ftlh");
            template.process(data, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template failed: " + e.getMessage(), e);
        }
    }

    private static Configuration configuration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
        cfg.setClassForTemplateLoading(HtmlReport.class, TEMPLATES);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        return cfg;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATES + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name + "; the reports jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
