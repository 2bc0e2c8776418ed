package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link ManifestJson#read}, starting from the manifests of the bundles this module carries:
 * any bytes are a manifest or an {@link IllegalArgumentException} with a message (its documented
 * refusal), never another exception; a manifest it reads writes back and reads again the same.
 */
class ManifestJsonFuzzTest {

    static Stream<byte[]> carriedManifests() {
        return Stream.of("default", "early-warning", "early-warning-strict").map(name -> {
            try (InputStream in = ManifestJsonFuzzTest.class.getResourceAsStream(
                    "/org/magicsteps/model/" + name + "-bundle/manifest.json")) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @MethodSource("carriedManifests")
    @FuzzTest
    void anyBytesAreAManifestOrItsDocumentedRefusal(byte[] json) {
        BundleManifest manifest;
        try {
            manifest = ManifestJson.read(json);
        } catch (IllegalArgumentException refused) {
            assertNotNull(refused.getMessage());
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        byte[] written = ManifestJson.write(manifest);
        assertArrayEquals(written, ManifestJson.write(ManifestJson.read(written)), "a manifest round-trips");
    }
}
