package dev.evalgate.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.SystemUnderTest;

/**
 * The {@code java} backend: {@code model: java:com.acme.SupportSystem} runs a {@link SystemUnderTest} in-process, a
 * class with a public no-arg constructor loaded by name from the context class loader, or an instance registered
 * under a name (the test kit's {@code withSystemUnderTest}). The fingerprint is the sha256 of the class file (so a
 * rebuilt system never gets cached answers of the old code) plus the system's {@link SystemUnderTest#version()};
 * a class whose bytes cannot be read (a lambda) is identified by its version alone.
 */
public final class JavaSystemProvider implements ModelClientProvider {
    public static final String BACKEND = "java";

    private final Map<String, SystemUnderTest> registered;
    /** Where classes named by {@code java:} are found; null for the thread's context class loader at open. */
    private final ClassLoader classes;

    public JavaSystemProvider() {
        this(Map.of());
    }

    public JavaSystemProvider(Map<String, SystemUnderTest> registered) {
        this(registered, null);
    }

    private JavaSystemProvider(Map<String, SystemUnderTest> registered, ClassLoader classes) {
        this.registered = Map.copyOf(registered);
        this.classes = classes;
    }

    /**
     * The same systems, with classes found through {@code loader}: a suite's {@code plugins:} jars hold systems
     * under test that neither the class path nor the thread's context class loader know.
     */
    @Override
    public JavaSystemProvider seeingClasses(ClassLoader loader) {
        return new JavaSystemProvider(registered, loader);
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public String description() {
        return "java: an in-process system under test (java:com.acme.MySystem implementing "
                + SystemUnderTest.class.getName() + ")";
    }

    @Override
    public ModelClient open(ModelRef ref, BackendOptions options) {
        String name = ref.name().trim();
        SystemUnderTest system = registered.containsKey(name) ? registered.get(name) : instantiate(name, classes);
        return new JavaSystemClient(system, new ModelInfo(BACKEND, name, fingerprint(system), 0));
    }

    private static SystemUnderTest instantiate(String className, ClassLoader classes) {
        ClassLoader loader = classes != null ? classes : Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(className, true, loader == null ? JavaSystemProvider.class.getClassLoader() : loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid("no class " + className + " on the class path (" + e.getClass().getSimpleName() + "); "
                    + "write java: and the fully qualified name of a class implementing "
                    + SystemUnderTest.class.getName());
        }
        if (!SystemUnderTest.class.isAssignableFrom(type)) {
            throw invalid(className + " does not implement " + SystemUnderTest.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw invalid(className + " is abstract or an interface; name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw invalid(className + " has no public no-arg constructor, which evalgate needs to create it");
        }
        try {
            return (SystemUnderTest) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new EvaluationException("creating " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw invalid("cannot create " + className + ": " + e);
        }
    }

    static String fingerprint(SystemUnderTest system) {
        String version = system.version() == null ? "" : system.version().strip();
        Class<?> type = system.getClass();
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        String code = "";
        if (loader != null && !type.isSynthetic() && !type.isHidden()) {
            try (InputStream bytes = loader.getResourceAsStream(resource)) {
                if (bytes != null) {
                    code = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.readAllBytes()))
                            .substring(0, 16);
                }
            } catch (IOException | NoSuchAlgorithmException e) {
                // Identified by its version alone.
            }
        }
        if (code.isEmpty()) {
            return version;
        }
        return type.getName() + "@sha256:" + code + (version.isEmpty() ? "" : "+" + version);
    }

    private static InvalidInputException invalid(String problem) {
        return new InvalidInputException(null, 0, "model", problem);
    }
}
