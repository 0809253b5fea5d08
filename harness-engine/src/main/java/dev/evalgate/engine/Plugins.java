package dev.evalgate.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Scorers, backends and run sinks from jars outside evalgate. Each entry is a jar or a directory of jars (a plugin
 * and the libraries it needs); all of them are loaded by one class loader whose parent is evalgate's, so a plugin
 * sees the SPI and cannot replace evalgate's own classes. Every jar is checked when it is opened, so a bad plugin
 * fails before any model call and is named: a missing file, a file that is not a jar, and an evalgate service the
 * jar declares whose class cannot be loaded or created.
 *
 * <p>Each {@link #open} is a lease, given back with {@link #close()}: while a lease on the same entries is open,
 * opening them again gives the same class loader (a run reads its suite's plugins in several places but loads them
 * once), and the last lease closed closes the loader, so no jar is held open after the command or test run that
 * opened it (a plugin author can rebuild or delete the jar and run again in the same JVM).
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class Plugins implements AutoCloseable {
    /** No plugin jars: lookups see only the class path. */
    public static final Plugins NONE = new Plugins(List.of(), null, null);

    private static final String SERVICES = "META-INF/services/";
    /** The loaders with open leases; guarded by itself. */
    private static final Map<Key, Loaded> OPENED = new HashMap<>();

    private final List<Path> jars;
    private final ClassLoader classLoader;
    private final Loaded loaded;
    private boolean closed;

    private Plugins(List<Path> jars, ClassLoader classLoader, Loaded loaded) {
        this.jars = List.copyOf(jars);
        this.classLoader = classLoader;
        this.loaded = loaded;
    }

    /**
     * Opens plugin jars.
     *
     * @param entries jars, or directories whose {@code *.jar} files are all loaded
     * @param parent  the class loader the plugins see evalgate through (usually the one that loaded evalgate)
     * @param namedBy where the entries come from, for people, e.g. a flag, a variable or a suite file
     * @throws InvalidInputException naming the file when an entry is missing or a jar is bad
     */
    public static Plugins open(List<Path> entries, ClassLoader parent, String namedBy) {
        Objects.requireNonNull(parent, "parent");
        if (entries.isEmpty()) {
            return NONE;
        }
        List<Path> jars = new ArrayList<>();
        for (Path entry : entries) {
            jars.addAll(jarsOf(entry.toAbsolutePath().normalize(), namedBy));
        }
        if (jars.isEmpty()) {
            return NONE;
        }
        // A jar rebuilt since it was opened (a plugin author's edit-and-rerun in one JVM) gets a fresh loader.
        List<Long> stamps = jars.stream().map(Plugins::lastModified).toList();
        Key key = new Key(List.copyOf(jars), stamps, parent);
        synchronized (OPENED) {
            Loaded loaded = OPENED.get(key);
            if (loaded == null) {
                loaded = new Loaded(key, load(key.jars(), parent));
                OPENED.put(key, loaded);
            }
            loaded.leases++;
            return new Plugins(jars, loaded.loader, loaded);
        }
    }

    /**
     * Gives this lease back; the last lease on a class loader closes it, releasing its jars. Classes already loaded
     * keep working; call it when the command or run that opened the plugins is over. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (loaded == null) {
            return;
        }
        URLClassLoader last;
        synchronized (OPENED) {
            if (closed) {
                return;
            }
            closed = true;
            if (--loaded.leases > 0) {
                return;
            }
            OPENED.remove(loaded.key, loaded);
            last = loaded.loader;
        }
        try {
            last.close();
        } catch (IOException e) {
            // Nothing is left to do about a jar that would not close; the loader is unusable either way.
        }
    }

    /** Whether this lease was given back. */
    public boolean isClosed() {
        synchronized (OPENED) {
            return closed;
        }
    }

    /** Every plugin jar some open lease holds, for diagnostics: empty once every command and run has closed its own. */
    public static List<Path> held() {
        synchronized (OPENED) {
            return OPENED.keySet().stream().flatMap(k -> k.jars().stream()).distinct().toList();
        }
    }

    /** The loader to find services with: the plugins' own, or {@code fallback} when there are none. */
    public ClassLoader classLoader(ClassLoader fallback) {
        return classLoader == null ? fallback : classLoader;
    }

    public boolean isEmpty() {
        return jars.isEmpty();
    }

    /** Every jar loaded, in the order given. */
    public List<Path> jars() {
        return jars;
    }

    /** Whether {@code type} was defined by these plugins (not by evalgate or the class path). */
    public boolean defines(Class<?> type) {
        return classLoader != null && type.getClassLoader() == classLoader;
    }

    /** Where a provider class comes from, for messages: its jar when a plugin defines it, else its class name. */
    public static String origin(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return type.getName();
        }
        return type.getName() + " (" + source.getLocation().getPath() + ")";
    }

    private static List<Path> jarsOf(Path entry, String namedBy) {
        if (!Files.exists(entry)) {
            throw new InvalidInputException(entry, 0, null, "plugin jar or directory does not exist (named by "
                    + namedBy + ")");
        }
        if (!Files.isDirectory(entry)) {
            return List.of(entry);
        }
        try (Stream<Path> files = Files.list(entry)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")
                    && Files.isRegularFile(f)).sorted().toList();
            if (jars.isEmpty()) {
                // Most likely the plugin was not built yet: loading nothing would surface later as an unknown type.
                throw new InvalidInputException(entry, 0, null, "plugin directory holds no *.jar file (named by "
                        + namedBy + ")");
            }
            return jars;
        } catch (IOException e) {
            throw new InvalidInputException(entry, 0, null, "cannot list the plugin directory (named by " + namedBy
                    + "): " + e.getMessage(), e);
        }
    }

    private static URLClassLoader load(List<Path> jars, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            checkIsJar(jar);
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InvalidInputException(jar, 0, null, "cannot be named as a URL: " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("evalgate-plugins", urls.toArray(URL[]::new), parent);
        try {
            for (Path jar : jars) {
                checkServices(jar, loader);
            }
        } catch (RuntimeException e) {
            try {
                loader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return loader;
    }

    private static void checkIsJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.size();
        } catch (IOException e) {
            throw new InvalidInputException(jar, 0, null, "not a jar file, so it cannot be a plugin ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Loads and creates every evalgate service the jar declares, so a broken one is named now, with its jar. */
    private static void checkServices(Path jar, ClassLoader loader) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(SERVICES + "dev.evalgate.")) {
                    continue;
                }
                String service = name.substring(SERVICES.length());
                for (String provider : providerNames(file, entry)) {
                    checkProvider(jar, name, service, provider, loader);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(jar, 0, null, "cannot read the plugin jar: " + e.getMessage(), e);
        }
    }

    private static List<String> providerNames(JarFile file, JarEntry entry) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = file.getInputStream(entry);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void checkProvider(Path jar, String entry, String service, String provider, ClassLoader loader) {
        try {
            Class<?> serviceType = Class.forName(service, false, loader);
            Class<?> type = Class.forName(provider, true, loader);
            if (!serviceType.isAssignableFrom(type)) {
                throw bad(jar, entry, provider, "it does not implement " + service, null);
            }
            create(type);
        } catch (ClassNotFoundException e) {
            String missing = e.getMessage();
            throw bad(jar, entry, provider, missing != null && missing.equals(service)
                    ? "evalgate has no service " + service + " (a plugin for another version?)"
                    : "class not found: " + missing, e);
        } catch (InvocationTargetException e) {
            throw bad(jar, entry, provider, "its constructor failed: " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw bad(jar, entry, provider, describe(e), e);
        }
    }

    /** Creates a provider the way {@link java.util.ServiceLoader} does: {@code provider()} or the no-arg constructor. */
    private static void create(Class<?> type) throws ReflectiveOperationException {
        try {
            Method factory = type.getMethod("provider");
            if (Modifier.isStatic(factory.getModifiers())) {
                factory.invoke(null);
                return;
            }
        } catch (NoSuchMethodException e) {
            // No factory method: the public no-arg constructor is the way.
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalAccessException("the class is not public");
        }
        type.getConstructor().newInstance();
    }

    private static InvalidInputException bad(Path jar, String entry, String provider, String why, Throwable cause) {
        return new InvalidInputException(jar, 0, entry, "names " + provider + ", which cannot be loaded: " + why,
                cause);
    }

    private static String describe(Throwable e) {
        Throwable shown = e instanceof ExceptionInInitializerError init && init.getCause() != null ? init.getCause() : e;
        String message = shown.getMessage();
        if (shown instanceof NoSuchMethodException) {
            return "it has no public no-argument constructor";
        }
        return shown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long lastModified(Path jar) {
        try {
            return Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private record Key(List<Path> jars, List<Long> stamps, ClassLoader parent) {
        // ClassLoader has identity equality, which is what the cache needs.
    }

    /** One loader and how many leases hold it; changed only under the lock on {@link #OPENED}. */
    private static final class Loaded {
        private final Key key;
        private final URLClassLoader loader;
        private int leases;

        Loaded(Key key, URLClassLoader loader) {
            this.key = key;
            this.loader = loader;
        }
    }
}
