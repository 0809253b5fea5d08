package dev.evalgate.history;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

import dev.evalgate.engine.BackendOptions;

/**
 * SQLite's native library, unpacked once per sqlite-jdbc version into evalgate's cache directory and loaded from
 * there. Left alone, sqlite-jdbc unpacks its library (about 1 MB) into the temporary directory on every start,
 * compares the copy with the jar byte by byte, and first lists the whole temporary directory to delete old copies:
 * a large share of what recording a run in the history costs a short run.
 *
 * <p>The copy lives in {@code CACHE/native/sqlite-jdbc-VERSION/OS-ARCH/}, is written under a temporary name, checked
 * against the jar and moved into place atomically, so concurrent runs never load a half-written file. Its directory
 * names the driver version, so a new driver unpacks its own library. When anything goes wrong (an unwritable cache,
 * no library for this platform in the jar) nothing is set and sqlite-jdbc unpacks its library as before; so it does
 * when the copy cannot be loaded (a cache directory shared by a glibc and a musl system), after logging why. A
 * library path the user set ({@code -Dorg.sqlite.lib.path}) is left alone.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    /** Where sqlite-jdbc looks for (and deletes) old unpacked copies before it loads the library. */
    static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";

    private static boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Points sqlite-jdbc at the cached copy, unpacking it first if needed; once per JVM, before SQLite is opened. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        try {
            Path library = cachedCopy(BackendOptions.defaultCacheDirectory().resolve("native"));
            if (library == null) {
                return;
            }
            System.setProperty(NAME_PROPERTY, library.getFileName().toString());
            System.setProperty(PATH_PROPERTY, library.getParent().toString());
            if (System.getProperty(TMPDIR_PROPERTY) == null) {
                // sqlite-jdbc still lists this directory for stale copies of its own naming (sqlite-VERSION-*);
                // ours is small and holds none, unlike the shared temporary directory.
                System.setProperty(TMPDIR_PROPERTY, library.getParent().toString());
            }
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc unpacks the library into the temporary directory itself, as it does without this.
        }
    }

    /**
     * The library's copy under {@code root}, unpacked from the jar when it is missing (or empty); null when the jar
     * holds no library for this platform.
     */
    static Path cachedCopy(Path root) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        Path directory = root.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                .resolve(folderName(System.getProperty("os.name") + "-" + System.getProperty("os.arch")));
        Path library = directory.resolve(name);
        if (Files.isRegularFile(library) && Files.size(library) > 0) {
            return library;
        }
        // Only a miss asks sqlite-jdbc which of its libraries fits (it checks for musl and Android, which costs
        // a child process): the directory above is per platform, so a hit needs no asking.
        URL resource = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (resource == null) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = resource.openStream()) {
            bytes = in.readAllBytes();
        }
        Files.createDirectories(directory);
        Path part = Files.createTempFile(directory, name, ".part");
        try {
            Files.write(part, bytes);
            if (!Arrays.equals(Files.readAllBytes(part), bytes)) {
                throw new IOException("the copy of " + name + " in " + directory + " differs from the jar's");
            }
            Files.move(part, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return library;
    }

    private static String folderName(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
