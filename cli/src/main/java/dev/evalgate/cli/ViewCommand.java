package dev.evalgate.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.history.drift.DriftSettings;
import dev.evalgate.history.view.HistoryViewer;

@Command(name = "view",
        description = {"Starts a local, read-only web viewer over the run history: runs with filters, each metric's "
                + "trend with its interval band and drift marks, a case's history, and two runs side by side as "
                + "'compare' shows them. Stop it with Ctrl-C."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  evalgate view",
                "  evalgate view --history runs/history.db --port 8123",
                "  evalgate view --history jdbc:postgresql://ci-db/evalgate?user=ci"})
public final class ViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions options = new HistoryOptions();

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: "
            + "${DEFAULT-VALUE}).")
    int port = 8123;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}, "
            + "this machine only). The viewer has no authentication: bind elsewhere only on a trusted network.")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException(null, 0, "--port", "must be between 0 and 65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidInputException(null, 0, "--bind", "unknown address '" + bind + "'");
        }
        options.open().close(); // names a missing history before anything listens
        HistoryViewer viewer;
        try {
            viewer = HistoryViewer.start(options.resolve(), address, port, DriftSettings.DEFAULT);
        } catch (IOException e) {
            // Most often the port is taken: a usage problem the user fixes with a flag, not a bug.
            throw new InvalidInputException(null, 0, "--port", "cannot listen on " + bind + ":" + port + " ("
                    + e.getMessage() + "); choose another --port, or 0 for any free one");
        }
        spec.commandLine().getOut().println("evalgate viewer on " + viewer.uri() + " reading " + viewer.location()
                + " (Ctrl-C stops it)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            viewer.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
