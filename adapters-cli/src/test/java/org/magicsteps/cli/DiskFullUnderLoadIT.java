package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under load (issue 14): the disk of the embedded store fills up under a load of
 * predictions. The data directory lies on a tmpfs of 16 MiB that the test mounts (the machines run
 * the tests as root), 12 MiB of which a ballast file takes, so that deleting it gives space back
 * (SQLite's write-ahead log grows to 4 MiB before it is checkpointed); where mounting is refused,
 * the server runs under a file-size limit ({@code ulimit -f}, RLIMIT_FSIZE) instead, and the output
 * says which. A prediction whose record
 * cannot be written is answered 503, never 200 (it would be lost) nor 500; the server keeps
 * answering {@code /health}; once space is back (a ballast file deleted on the tmpfs; a restart
 * without the limit otherwise) predictions are answered again, and the log holds exactly one record
 * per answered prediction.
 */
class DiskFullUnderLoadIT {

    private static final int MAX_REQUESTS = 20_000;
    private static final int ROUND = 200;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void aFullDiskIs503NotALostRecordAndTheServerRecovers() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        boolean tmpfs = mount(disk);
        Path ballast = disk.resolve("ballast");
        Path data = disk.resolve("data");
        Load load = new Load();
        String token;
        try {
            if (tmpfs) {
                Files.write(ballast, new byte[12 * 1024 * 1024]);
            }
            try (ServerProcess server = ServerProcess.start(data, Map.of(), tmpfs ? "" : "ulimit -f 4096;")) {
                Api api = new Api(server.port());
                assertEquals(201, api.register("fabi", "senha-forte-1").status());
                token = api.token("fabi", "senha-forte-1");
                int sent = 0;
                while (!load.statuses("filling").containsKey(503) && sent < MAX_REQUESTS) {
                    load.run(ROUND, THREADS, "filling", i -> api.predict(token, "RA-" + i, 5 + i % 5));
                    sent += ROUND;
                }
                Map<Integer, Integer> filling = load.statuses("filling");
                assertTrue(filling.containsKey(503), "the disk filled within " + MAX_REQUESTS + " requests: " + filling);
                assertTrue(Set.of(200, 503).containsAll(filling.keySet()), "answered or 503, never 500: " + filling);
                load.run(ROUND, THREADS, "full", i -> api.predict(token, "RA-full", 6));
                assertTrue(Set.of(200, 503).containsAll(load.statuses("full").keySet()), load.statuses("full").toString());
                assertEquals(200, api.get("/health", null).status(), "the server still answers");
                if (tmpfs) {
                    Files.delete(ballast);
                    awaitAnswered(load, api, token);
                    load.run(ROUND, THREADS, "space again", i -> api.predict(token, "RA-" + i, 5 + i % 5));
                    assertEquals(Map.of(200, ROUND), load.statuses("space again"));
                    assertLoggedOnce(api, token, load);
                }
            }
            if (!tmpfs) {
                try (ServerProcess again = ServerProcess.start(data, Map.of(), "")) {
                    Api api = new Api(again.port());
                    load.run(ROUND, THREADS, "space again", i -> api.predict(token, "RA-" + i, 5 + i % 5));
                    assertEquals(Map.of(200, ROUND), load.statuses("space again"));
                    assertLoggedOnce(api, token, load);
                }
            }
            System.out.printf("disk full (%s): filling %s, full %s%n",
                    tmpfs ? "tmpfs of 16 MiB, 12 of them ballast" : "ulimit -f 4096", load.statuses("filling"),
                    load.statuses("full"));
        } finally {
            if (tmpfs) {
                run("umount", "-l", disk.toString());
            }
        }
    }

    private static void assertLoggedOnce(Api api, String token, Load load) {
        List<String> logged = api.loggedPredictionIds(token);
        assertEquals(Set.of(), Api.repeated(logged), "no record twice");
        assertEquals(new HashSet<>(load.answeredIds()), new HashSet<>(logged),
                "exactly one record per answered prediction");
    }

    private static void awaitAnswered(Load load, Api api, String token) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            load.run(1, 1, "recovering", i -> api.predict(token, "RA-recovering", 6));
            List<Load.Outcome> all = load.outcomes();
            if (all.get(all.size() - 1).status() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer within 15 s of space coming back: " + load.statuses("recovering"));
    }

    /** Mounts a 16 MiB tmpfs on {@code dir}; false when this machine does not let us. */
    private static boolean mount(Path dir) throws IOException, InterruptedException {
        return run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir.toString()) == 0;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
