package org.magicsteps.model.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions of the libraries and runtime that train a bundle, for its provenance. */
final class Versions {

    private static final String RESOURCE = "org/magicsteps/model/training/versions.properties";

    private Versions() {
    }

    /** {@code version.tribuo}, {@code version.onnxruntime}, {@code version.magic_steps}, {@code version.java}. */
    static Map<String, String> all() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        // Tribuo states its own version; the build's number is the fallback when resources were not filtered.
        versions.put("version.tribuo", org.tribuo.Tribuo.VERSION);
        versions.put("version.onnxruntime", known(properties.getProperty("onnxruntime")));
        versions.put("version.magic_steps", known(properties.getProperty("magic_steps")));
        versions.put("version.java", Runtime.version().toString());
        return versions;
    }

    private static String known(String value) {
        return value == null || value.startsWith("${") ? "unknown" : value;
    }
}
