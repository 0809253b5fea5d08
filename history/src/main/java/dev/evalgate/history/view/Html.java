package dev.evalgate.history.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping for every value the viewer puts into a page: text, attributes and query strings. */
final class Html {
    private Html() {
    }

    /** Safe in element text and in quoted attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case 0 -> b.append('\uFFFD');
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD');
                    } else if (Character.isSurrogate((char) c)) {
                        b.append('\uFFFD'); // a lone surrogate
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " \u2013 evalgate history</title><style>" + STYLE + "</style></head><body><header><a href=\"/\">"
                + "evalgate history</a></header><main>" + body + "</main></body></html>";
    }

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
            header{background:#24292f;padding:8px 16px}header a{color:#fff;text-decoration:none;font-weight:600}
            main{padding:16px;max-width:1200px}table{border-collapse:collapse;margin:8px 0;width:100%}
            th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f3f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}.muted{color:#57606a}
            pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:6px;margin:0;max-height:240px;
            overflow:auto}form.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin:8px 0}
            form.filters label{display:flex;flex-direction:column;font-size:12px}
            svg{background:#fff;border:1px solid #d0d7de}.chart{margin:12px 0}.chart h3{margin:4px 0}
            .finding{color:#cf222e}.cause{color:#8250df}
            .regressed{background:#ffebe9}.fixed{background:#dafbe1}.flaky{background:#fff8c5}
            """;
}
