package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store shared by two processes, as {@code serve} and {@code users add} share it. */
class EmbeddedStoreIT {

    @TempDir
    Path data;

    private static String run(Path dir, String username) throws Exception {
        Process child = ChildProcess.start(AddUserMain.class, dir.toString(), username);
        String out;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            out = reader.readLine();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the other process ends");
        assertEquals(0, child.exitValue());
        return out;
    }

    @Test
    void anotherProcessWritesToTheStoreWhileThisOneRunsIt() throws Exception {
        Path dir = data.resolve("mongo");
        try (MongoStores server = MongoStores.embedded(dir)) {
            assertTrue(server.ownsEmbeddedStore());

            assertEquals("attached true", run(dir, "admin1"));

            assertTrue(server.users().find("admin1").isPresent());
        }
    }

    @Test
    void anotherProcessOpensTheStoreItselfWhenNobodyRunsIt() throws Exception {
        Path dir = data.resolve("mongo");

        assertEquals("owner true", run(dir, "admin2"));

        try (MongoStores server = MongoStores.embedded(dir)) {
            assertTrue(server.ownsEmbeddedStore());
            assertTrue(server.users().find("admin2").isPresent());
        }
    }
}
