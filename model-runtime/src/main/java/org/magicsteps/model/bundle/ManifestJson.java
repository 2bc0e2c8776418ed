package org.magicsteps.model.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Reads and writes {@code manifest.json} with jackson-databind (see {@link ManifestDocument}).
 * The layout is documented in {@code model-runtime/README.md}; reading is strict (an unknown or
 * misspelt key is refused rather than ignored) and every refusal names the JSON path of the
 * offending value, such as {@code features[3].transform.min}.
 */
public final class ManifestJson {

    private static final ObjectMapper MAPPER = JsonDocuments.strictMapper(true)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    /**
     * @return the manifest described by {@code json}
     * @throws IllegalArgumentException when {@code json} is not JSON, or not a valid manifest;
     *     the message names the JSON path and the problem
     */
    public static BundleManifest read(byte[] json) {
        return JsonDocuments.read(MAPPER, json, ManifestDocument.class, ManifestDocument.KINDS).toManifest();
    }

    /** The manifest as indented JSON, UTF-8. */
    public static byte[] write(BundleManifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(ManifestDocument.of(manifest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest could not be written as JSON", e);
        }
    }
}
