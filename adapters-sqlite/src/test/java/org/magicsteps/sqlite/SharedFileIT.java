package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.testing.ChildProcess;
import org.magicsteps.core.testing.Students;

/** The file shared by two processes, as {@code serve} and {@code magic-steps users add} share it. */
class SharedFileIT {

    private static final int APPENDING_THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void anotherProcessAddsAUserWhileThisOneKeepsAppending() throws Exception {
        Path file = dir.resolve("magic-steps.db");
        ExecutorService appenders = Executors.newFixedThreadPool(APPENDING_THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        try (SqliteStores server = SqliteStores.open(file)) {
            List<Future<Integer>> appended = new ArrayList<>();
            for (int t = 0; t < APPENDING_THREADS; t++) {
                String prefix = "p-" + t + "-";
                appended.add(appenders.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        server.predictionLog().append(Students.record(prefix + n, "ana", "RA-" + n % 50, Instant.now(), null));
                        n++;
                    }
                    return n;
                }));
            }
            Thread.sleep(300);

            Process child = ChildProcess.start(AddUserMain.class, file.toString(), "admin1");
            String out;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                out = reader.readLine();
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the other process ends");
            assertEquals(0, child.exitValue(), "the other process succeeded: " + out);
            assertTrue(out != null && out.startsWith("true "), "the user was added: " + out);
            assertTrue(server.users().find("admin1").isPresent(), "this process sees the other's user at once");

            stop.set(true);
            long total = 0;
            for (Future<Integer> count : appended) {
                total += count.get(30, TimeUnit.SECONDS);    // an append that failed would throw here
            }
            assertEquals(total, server.writer().recordsWritten(), "every append of this process was written");
            System.out.println("SharedFileIT: the other process added its user in " + out.substring(5)
                    + " while this one appended " + total + " records");
        } finally {
            stop.set(true);
            appenders.shutdownNow();
        }
    }
}
