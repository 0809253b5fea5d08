package dev.evalgate.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, recorded in every run so a result can be traced to the code that produced it. */
public final class EngineVersion {
    private static final String VERSION = load();

    private EngineVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/dev/evalgate/engine/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
