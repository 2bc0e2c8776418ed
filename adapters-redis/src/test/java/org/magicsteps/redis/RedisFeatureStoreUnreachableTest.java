package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

/** A Redis that does not answer: a port on which nothing listens. Needs no Redis. */
class RedisFeatureStoreUnreachableTest {

    private static final String PASSWORD = "not-to-be-seen-7f3a";

    private int closedPort;
    private RedisFeatureStore store;

    @BeforeEach
    void openOnAClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        store = RedisFeatureStore.create(RedisSettings.of("127.0.0.1", closedPort).withPassword(PASSWORD));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void healthIsDownWithTheReasonInsteadOfThrowing() {
        ComponentHealth health = store.health();

        assertEquals(ComponentHealth.Status.DOWN, health.status());
        assertEquals("redis://127.0.0.1:" + closedPort, health.implementation());
        assertTrue(health.persistent());
        assertTrue(String.valueOf(health.details().get("error")).contains("cannot connect to Redis at redis://127.0.0.1:" + closedPort),
                health.details().toString());
    }

    @Test
    void everyOperationIsAPortExceptionNamingTheServer() {
        for (Executable operation : new Executable[] {
                () -> store.find("RA-1"),
                () -> store.put("RA-1", Students.student()),
                () -> store.putAll(Map.of("RA-1", Students.student(), "RA-2", Students.student())),
                () -> store.studentIds()}) {
            PortException e = assertThrows(PortException.class, operation);
            assertTrue(e.getMessage().startsWith("cannot connect to Redis at redis://127.0.0.1:" + closedPort + ": "),
                    e.getMessage());
        }
    }

    @Test
    void thePasswordAppearsInNoMessage() {
        PortException failure = assertThrows(PortException.class, () -> store.find("RA-1"));

        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
        }
        assertFalse(store.health().toString().contains(PASSWORD));
        assertFalse(store.toString().contains(PASSWORD));
    }

    @Test
    void aServerThatNeverAnswersIsAPortExceptionAfterTheTimeouts() throws IOException {
        // The kernel completes the TCP handshake for the backlog, but nothing ever answers HELLO.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RedisFeatureStore hung = RedisFeatureStore.create(RedisSettings.of("127.0.0.1", silent.getLocalPort())
                     .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)))) {

            PortException e = assertThrows(PortException.class, () -> hung.find("RA-1"));

            assertTrue(e.getMessage().startsWith("cannot connect to Redis at redis://127.0.0.1:" + silent.getLocalPort()),
                    e.getMessage());
            assertEquals(ComponentHealth.Status.DOWN, hung.health().status());
        }
    }

    @Test
    void aClosedStoreRefusesToWork() {
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.find("RA-1"));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
