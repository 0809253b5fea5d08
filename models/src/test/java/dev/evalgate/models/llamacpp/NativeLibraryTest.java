package dev.evalgate.models.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native-library directories of dead processes are removed at start-up; those of live processes are kept. */
class NativeLibraryTest {
    @TempDir
    Path tmp;

    private Path libraryDirectory(String name, boolean withOwner, Instant modified) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(NativeLibrary.DIRECTORY_PREFIX + name));
        Files.write(dir.resolve("libjllama.so"), new byte[1024]);
        if (withOwner) {
            Files.createFile(dir.resolve(NativeLibrary.OWNER_FILE));
        }
        Files.setLastModifiedTime(dir, FileTime.from(modified));
        return dir;
    }

    @Test
    void removesTheDirectoriesOfDeadProcessesOnly() throws Exception {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        Path dead = libraryDirectory("dead", true, hourAgo);
        Path legacy = libraryDirectory("1234567890", false, hourAgo);
        Path settingUp = libraryDirectory("new", false, Instant.now());
        Path alive = libraryDirectory("alive", true, hourAgo);
        Path unrelated = Files.createDirectory(tmp.resolve("someone-else"));

        // A live owner in another process: a JVM that holds the lock until it is told to stop.
        Process owner = holdLock(alive.resolve(NativeLibrary.OWNER_FILE));
        try {
            assertThat(NativeLibrary.removeStale(tmp)).isEqualTo(2);
            assertThat(dead).doesNotExist();
            assertThat(legacy).doesNotExist();
            assertThat(alive).isDirectory();
            assertThat(settingUp).isDirectory();
            assertThat(unrelated).isDirectory();
        } finally {
            owner.destroyForcibly();
            owner.waitFor(30, TimeUnit.SECONDS);
        }
        // Its owner is gone now: the next start-up removes it.
        Files.setLastModifiedTime(alive, FileTime.from(hourAgo));
        assertThat(NativeLibrary.removeStale(tmp)).isEqualTo(1);
        assertThat(alive).doesNotExist();
    }

    @Test
    void keepsTheDirectoryThisProcessHoldsTheLockOf() throws Exception {
        Path mine = libraryDirectory("mine", true, Instant.now().minusSeconds(3600));
        try (FileChannel channel = FileChannel.open(mine.resolve(NativeLibrary.OWNER_FILE), StandardOpenOption.WRITE)) {
            channel.lock();
            assertThat(NativeLibrary.removeStale(tmp)).isZero();
            assertThat(mine).isDirectory();
        }
    }

    /** Starts a JVM that locks the file and prints "locked", then sleeps. */
    private Process holdLock(Path file) throws Exception {
        Path source = tmp.resolve("HoldLock.java");
        Files.writeString(source, String.join("\n",
                "import java.nio.channels.FileChannel;",
                "import java.nio.file.*;",
                "public class HoldLock {",
                "  public static void main(String[] a) throws Exception {",
                "    FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE);",
                "    c.lock();",
                "    System.out.println(\"locked\");",
                "    Thread.sleep(600_000);",
                "  }",
                "}"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe"
                : "")).toString();
        Process process = new ProcessBuilder(java, source.toString(), file.toString()).redirectErrorStream(true)
                .start();
        byte[] expected = "locked".getBytes();
        byte[] read = process.getInputStream().readNBytes(expected.length);
        assertThat(new String(read)).as("the lock-holding process started").isEqualTo("locked");
        return process;
    }
}
