package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @Test
    void wellKnownPlaceholdersStopTheStart() {
        for (String placeholder : new String[] {"change_me", "secret", "CHANGEME", "your-secret-key",
            "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> SecretKeys.explicit(placeholder), placeholder);
            assertTrue(e.getMessage().contains("well-known"), e.getMessage());
            assertFalse(e.getMessage().contains(placeholder), "the secret is never echoed");
        }
    }

    @Test
    void aSecretShorterThan256BitsStopsTheStart() {
        ConfigException e = assertThrows(ConfigException.class, () -> SecretKeys.explicit("Tr0ub4dor&3-horse"));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertTrue(e.getMessage().contains("17 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("Tr0ub4dor"));
        assertThrows(ConfigException.class, () -> SecretKeys.explicit("a".repeat(64)), "not random");
    }

    @Test
    void aGoodExplicitSecretIsUsedAndSaidToComeFromTheConfiguration(@TempDir Path dir) {
        AppConfig config = AppConfig.resolve(Map.of(), Map.of("SECRET_KEY", "qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH"),
                Map.of()).withDataDir(dir);
        SecretKeys.Resolved resolved = SecretKeys.resolve(config);
        assertEquals("SECRET_KEY from the configuration", resolved.origin());
        assertFalse(Files.exists(dir.resolve(SecretKeys.FILE_NAME)), "nothing is written when a secret is given");
    }

    @Test
    void withoutASecretOneIsGeneratedOnceOwnerOnlyAndReused(@TempDir Path dir) throws IOException {
        AppConfig config = AppConfig.defaults().withDataDir(dir.resolve("data"));
        SecretKeys.Resolved first = SecretKeys.resolve(config);
        Path file = dir.resolve("data").resolve(SecretKeys.FILE_NAME);
        assertTrue(first.origin().startsWith("generated and stored in " + file), first.origin());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String stored = Files.readString(file).trim();
        assertTrue(stored.length() >= 64, "48 random bytes, Base64");
        assertFalse(first.origin().contains(stored));

        SecretKeys.Resolved second = SecretKeys.resolve(config);
        assertEquals(first.secret(), second.secret(), "a restart keeps the secret, so tokens survive");
        assertTrue(second.origin().startsWith("read from " + file), second.origin());
    }
}
