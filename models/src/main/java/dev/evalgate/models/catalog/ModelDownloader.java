package dev.evalgate.models.catalog;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.EvaluationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fetches catalog models once into {@code <cacheDirectory>/models/} and proves they are the pinned bytes.
 *
 * <p>A download goes to a temporary file next to its target and is renamed into place only after its size and
 * sha256 match the catalog, so an interrupted or tampered download never looks like a model. Each verified file
 * gets a {@code .sha256} marker holding its digest and size: later runs compare only the size, and a file without
 * a marker (copied in by hand, say) is hashed in full once.
 *
 * <p>A mirror ({@value #MIRROR_ENV} or the backend setting {@code llamacpp.mirror}) replaces the publisher's URL
 * with {@code <mirror>/<fileName>}: a team serves the catalog's files from one plain directory, and the pinned
 * checksums still apply.
 */
public final class ModelDownloader {
    /** Environment variable naming a base URL that serves catalog files by file name. */
    public static final String MIRROR_ENV = "EVALGATE_MODEL_MIRROR";
    /** Environment variable that, set to {@code true}, allows downloading catalog entries without a checksum. */
    public static final String ALLOW_UNPINNED_ENV = "EVALGATE_ALLOW_UNPINNED_MODELS";

    /** Upper bound for an entry of unknown size, so a hostile server cannot fill the disk. */
    private static final long UNKNOWN_SIZE_CAP = 64L << 30;
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path modelsDirectory;
    private final Optional<URI> mirror;
    private final boolean allowUnpinned;
    private final HttpClient http;
    private final PrintStream progressOut;
    private final boolean terminal;

    public ModelDownloader(Path cacheDirectory, Optional<URI> mirror, boolean allowUnpinned, HttpClient http,
                           PrintStream progressOut, boolean terminal) {
        this.modelsDirectory = cacheDirectory.resolve("models");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.allowUnpinned = allowUnpinned;
        this.http = Objects.requireNonNull(http, "http");
        this.progressOut = Objects.requireNonNull(progressOut, "progressOut");
        this.terminal = terminal;
    }

    /** A downloader that reports on stderr, redrawing one line when stderr belongs to a terminal. */
    public static ModelDownloader forCache(Path cacheDirectory, Optional<URI> mirror, boolean allowUnpinned) {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        return new ModelDownloader(cacheDirectory, mirror, allowUnpinned, http, System.err,
                System.console() != null);
    }

    public Path modelsDirectory() {
        return modelsDirectory;
    }

    /** Where the entry's bytes come from: the mirror when one is set, else the publisher. */
    public URI sourceOf(CatalogEntry entry) {
        if (mirror.isEmpty()) {
            return entry.url();
        }
        String base = mirror.get().toString();
        return URI.create(base.endsWith("/") ? base + entry.fileName() : base + "/" + entry.fileName());
    }

    /** The entry's file in the cache, downloading and verifying it first when it is missing or damaged. */
    public VerifiedModel resolve(CatalogEntry entry) {
        if (!entry.pinned() && !allowUnpinned) {
            throw new InvalidInputException(null, 0, "model", "catalog model '" + entry.name()
                    + "' has no pinned sha256 (" + entry.pinSource() + "), so evalgate cannot prove what it "
                    + "downloads. Set the backend setting llamacpp.allow-unpinned=true or " + ALLOW_UNPINNED_ENV
                    + "=true to download it anyway, or download " + entry.url() + " yourself and pass --model PATH");
        }
        Path target = modelsDirectory.resolve(entry.fileName());
        synchronized (LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), key -> new Object())) {
            try {
                Files.createDirectories(modelsDirectory);
                Optional<String> cached = verifiedCopy(entry, target);
                if (cached.isPresent()) {
                    return new VerifiedModel(target, cached.get(), false);
                }
                String sha256 = download(entry, target);
                return new VerifiedModel(target, sha256, true);
            } catch (IOException | UncheckedIOException e) {
                throw new EvaluationException("cannot use the model cache " + modelsDirectory + ": " + e
                        + ". Check that the directory is writable, or point EVALGATE_CACHE elsewhere", e);
            }
        }
    }

    private Optional<String> verifiedCopy(CatalogEntry entry, Path target) throws IOException {
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        long size = Files.size(target);
        Path marker = markerOf(target);
        if (entry.sizeBytes() > 0 && size != entry.sizeBytes()) {
            progressOut.println("Cached " + target + " has " + size + " bytes, the catalog expects "
                    + entry.sizeBytes() + "; downloading it again.");
            Files.deleteIfExists(marker);
            Files.delete(target);
            return Optional.empty();
        }
        Optional<Marker> recorded = Marker.read(marker);
        if (recorded.isPresent() && recorded.get().size() == size
                && (!entry.pinned() || recorded.get().sha256().equals(entry.sha256()))) {
            return Optional.of(recorded.get().sha256());
        }
        String actual = ContentHash.sha256(target);
        if (entry.pinned() && !actual.equals(entry.sha256())) {
            progressOut.println("Cached " + target + " has sha256 " + actual + ", the catalog pins "
                    + entry.sha256() + "; downloading it again.");
            Files.deleteIfExists(marker);
            Files.delete(target);
            return Optional.empty();
        }
        new Marker(actual, size).write(marker);
        return Optional.of(actual);
    }

    private String download(CatalogEntry entry, Path target) throws IOException {
        URI source = sourceOf(entry);
        HttpResponse<InputStream> response = send(entry, source);
        Path partial = Files.createTempFile(modelsDirectory, entry.fileName() + ".", ".part");
        try {
            String sha256 = copyVerifying(entry, source, response, partial);
            moveIntoPlace(partial, target);
            new Marker(sha256, Files.size(target)).write(markerOf(target));
            if (!entry.pinned()) {
                progressOut.println("Model '" + entry.name() + "' is not pinned; its sha256 is " + sha256
                        + " and its size " + Files.size(target) + " bytes. Pin these values before relying on it.");
            }
            return sha256;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private HttpResponse<InputStream> send(CatalogEntry entry, URI source) {
        HttpRequest request = HttpRequest.newBuilder(source).GET()
                .header("User-Agent", "evalgate-model-downloader").build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new EvaluationException("cannot download model '" + entry.name() + "' from " + source + ": " + e
                    + ". Check the network or the mirror (" + MIRROR_ENV + "), or download the file yourself and "
                    + "pass --model PATH (or set EVALGATE_MODEL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("download of model '" + entry.name() + "' was interrupted", e);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new EvaluationException("cannot download model '" + entry.name() + "' from " + source
                    + ": the server answered HTTP " + response.statusCode()
                    + (response.statusCode() == 404 ? " (not found)" : "")
                    + ". Check the URL or the mirror (" + MIRROR_ENV + " must serve the file as <mirror>/"
                    + entry.fileName() + "), or download the file yourself and pass --model PATH");
        }
        return response;
    }

    private String copyVerifying(CatalogEntry entry, URI source, HttpResponse<InputStream> response, Path partial)
            throws IOException {
        long limit = entry.sizeBytes() > 0 ? entry.sizeBytes() : UNKNOWN_SIZE_CAP;
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = entry.sizeBytes() > 0 ? entry.sizeBytes() : Math.max(announced, 0);
        DownloadProgress progress = new DownloadProgress(progressOut, terminal, entry.fileName(), total);
        MessageDigest digest = ContentHash.digest();
        long started = System.nanoTime();
        long done = 0;
        progress.started();
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                done += read;
                if (done > limit) {
                    throw new EvaluationException("download of model '" + entry.name() + "' from " + source
                            + " sent more than the expected " + limit + " bytes; the file was discarded. Check the "
                            + "URL or the mirror");
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                progress.advanced(done);
            }
        } catch (IOException e) {
            throw new EvaluationException("download of model '" + entry.name() + "' from " + source
                    + " broke off after " + done + " bytes: " + e + ". Run again to retry; nothing was kept", e);
        }
        progress.finished(done, System.nanoTime() - started);
        if (entry.sizeBytes() > 0 && done != entry.sizeBytes()) {
            throw new EvaluationException("download of model '" + entry.name() + "' from " + source + " has "
                    + done + " bytes, the catalog expects " + entry.sizeBytes() + "; the file was discarded. "
                    + "Check the URL or the mirror, then run again");
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (entry.pinned() && !sha256.equals(entry.sha256())) {
            throw new EvaluationException("checksum mismatch for model '" + entry.name() + "' downloaded from "
                    + source + ": sha256 is " + sha256 + " but the catalog pins " + entry.sha256()
                    + "; the file was discarded. The server or mirror serves different bytes than the catalog "
                    + "expects: fix the mirror, or download a file you trust and pass --model PATH");
        }
        return sha256;
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path markerOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".sha256");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the status code already says what went wrong
        }
    }

    /** The {@code .sha256} marker: digest and size of a file verified once, in {@code sha256sum}-like form. */
    private record Marker(String sha256, long size) {
        static Optional<Marker> read(Path file) {
            try {
                if (!Files.isRegularFile(file) || Files.size(file) > 256) {
                    return Optional.empty();
                }
                String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
                if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                    return Optional.empty();
                }
                return Optional.of(new Marker(parts[0], Long.parseLong(parts[1])));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        void write(Path file) throws IOException {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, sha256 + " " + size + "\n", StandardCharsets.UTF_8);
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
