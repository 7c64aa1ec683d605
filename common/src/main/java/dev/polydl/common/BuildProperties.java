package dev.polydl.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Reads the {@code build.properties} that a framework module's Maven build writes from the parent
 * pom's version pins, so that a provider can report versions without loading its engine.
 */
public final class BuildProperties {
    private BuildProperties() {
    }

    public static Properties load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the module was not built by Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
