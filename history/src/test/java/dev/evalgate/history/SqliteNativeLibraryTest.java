package dev.evalgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

class SqliteNativeLibraryTest {
    @TempDir
    Path tmp;

    @Test
    void theLibraryIsUnpackedOnceAndTheCopyReused() throws Exception {
        Path first = SqliteNativeLibrary.cachedCopy(tmp);
        assertThat(first).isNotNull().isRegularFile().startsWith(tmp);
        assertThat(first.toString()).contains(SQLiteJDBCLoader.getVersion());
        assertThat(Files.readAllBytes(first)).as("the jar's library, whole").isEqualTo(jarLibrary());
        Object fileKey = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path again = SqliteNativeLibrary.cachedCopy(tmp);
        assertThat(again).isEqualTo(first);
        assertThat(Files.readAttributes(again, BasicFileAttributes.class).fileKey()).as("not written again")
                .isEqualTo(fileKey);
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(modified);
        try (Stream<Path> files = Files.list(first.getParent())) {
            assertThat(files.toList()).as("no temporary copy left behind").containsExactly(first);
        }
    }

    @Test
    void anEmptyCopyIsUnpackedAgain() throws Exception {
        Path copy = SqliteNativeLibrary.cachedCopy(tmp);
        Files.write(copy, new byte[0]);
        assertThat(SqliteNativeLibrary.cachedCopy(tmp)).isEqualTo(copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(jarLibrary());
    }

    /**
     * Two processes in a row open a history: both load SQLite from the one copy in the cache directory, which the
     * second does not write again, and neither unpacks a library into the temporary directory.
     */
    @Test
    void processesLoadSqliteFromTheCachedCopy() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps to see which file is loaded");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        String firstLoaded = openHistoryInChild(cache, temp, tmp.resolve("a.db"));
        Path copy;
        try (Stream<Path> files = Files.walk(cache.resolve("native"))) {
            copy = files.filter(p -> p.getFileName().toString().equals(LibraryLoaderUtil.getNativeLibName()))
                    .findFirst().orElseThrow();
        }
        assertThat(firstLoaded).isEqualTo(copy.toRealPath().toString());
        Object fileKey = Files.readAttributes(copy, BasicFileAttributes.class).fileKey();

        String secondLoaded = openHistoryInChild(cache, temp, tmp.resolve("b.db"));
        assertThat(secondLoaded).isEqualTo(firstLoaded);
        assertThat(Files.readAttributes(copy, BasicFileAttributes.class).fileKey()).isEqualTo(fileKey);
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.toList()).as("nothing unpacked into the temporary directory").isEmpty();
        }
    }

    /** Runs {@link OpenHistory} in a child JVM and returns the path of the SQLite library it had mapped. */
    private String openHistoryInChild(Path cache, Path temp, Path db) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + temp, "-cp",
                System.getProperty("java.class.path"), OpenHistory.class.getName(), db.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EVALGATE_CACHE", cache.toString());
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        List<String> loaded = out.lines().filter(l -> l.startsWith("loaded ")).map(l -> l.substring(7)).toList();
        assertThat(loaded).as(out).hasSize(1);
        return loaded.get(0);
    }

    private static byte[] jarLibrary() throws Exception {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        assertThat(OSInfo.getNativeLibFolderPathForCurrentOS()).isNotBlank();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The child: opens a history (so SQLite is loaded) and prints which SQLite library file it mapped. */
    public static final class OpenHistory {
        public static void main(String[] args) throws Exception {
            try (HistoryStore store = HistoryStore.open(HistoryLocation.resolve(args[0], null).orElseThrow())) {
                store.schemaVersion();
            }
            try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
                maps.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                        .filter(p -> p.contains("sqlitejdbc")).distinct()
                        .forEach(p -> System.out.println("loaded " + p));
            }
        }
    }
}
