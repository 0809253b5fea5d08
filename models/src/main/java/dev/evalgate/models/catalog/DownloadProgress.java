package dev.evalgate.models.catalog;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far a download has come. On a terminal one line is redrawn with a carriage return; anywhere else
 * (CI logs, redirected stderr) a plain line is printed every tenth of the way, so logs stay short and readable.
 */
final class DownloadProgress {
    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long totalBytes;
    private int lastTenth = -1;
    private long lastRedraw;

    DownloadProgress(PrintStream out, boolean terminal, String label, long totalBytes) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.totalBytes = totalBytes;
    }

    void started() {
        out.println("Downloading " + label + (totalBytes > 0 ? " (" + megabytes(totalBytes) + ")" : "") + " ...");
        out.flush();
    }

    void advanced(long doneBytes) {
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastRedraw >= REDRAW_INTERVAL_NANOS) {
                lastRedraw = now;
                out.print('\r' + bar(doneBytes));
                out.flush();
            }
            return;
        }
        if (totalBytes <= 0) {
            return;
        }
        int tenth = (int) Math.min(10, doneBytes * 10 / totalBytes);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.println(label + ": " + tenth * 10 + "% (" + megabytes(doneBytes) + " of " + megabytes(totalBytes)
                    + ")");
            out.flush();
        }
    }

    void finished(long doneBytes, long elapsedNanos) {
        if (terminal) {
            out.print('\r' + bar(doneBytes));
            out.println();
        } else if (totalBytes <= 0 || lastTenth < 10) {
            advanced(doneBytes);
        }
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        out.println(String.format(Locale.ROOT, "Downloaded %s: %s in %.1f s (%.1f MB/s)", label,
                megabytes(doneBytes), seconds, doneBytes / 1e6 / seconds));
        out.flush();
    }

    private String bar(long doneBytes) {
        if (totalBytes <= 0) {
            return label + ": " + megabytes(doneBytes);
        }
        double fraction = Math.min(1.0, (double) doneBytes / totalBytes);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s", label, "=".repeat(filled),
                " ".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), megabytes(doneBytes),
                megabytes(totalBytes));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
