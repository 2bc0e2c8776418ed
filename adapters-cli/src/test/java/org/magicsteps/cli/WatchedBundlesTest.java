package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxModelSource;
import org.magicsteps.model.OnnxPredictor;

/** {@code serve --watch DIR}: bundles under DIR are served, and loaded again when their content changes. */
class WatchedBundlesTest {

    private static final ModelBundle EARLY = ModelBundle.bundled("early-warning").orElseThrow();
    private static final ModelBundle STRICT = ModelBundle.bundled("early-warning-strict").orElseThrow();

    @TempDir
    Path dir;

    @Test
    void aChangedBundleIsLoadedOncePerContentAndABrokenOneLeavesTheOldServing() throws Exception {
        Path root = Files.createDirectories(dir.resolve("watched"));
        EARLY.save(root.resolve("alpha"));
        ServedModels models = new ServedModels("default", "default", OnnxPredictor.open(ModelBundle.bundledDefault()
                .orElseThrow()));
        BlockingQueue<BundleWatcher.Outcome> outcomes = new LinkedBlockingQueue<>();
        try (BundleWatcher watcher = BundleWatcher.start(root, new LoadModel(models, new OnnxModelSource()),
                new Actor("test", Role.ADMIN))) {
            watcher.onOutcome(outcomes::add);
            assertEquals(EARLY.manifest().version(), models.info("alpha").version(), "served as soon as it starts");

            Path manifest = root.resolve("alpha").resolve(ModelBundle.MANIFEST_FILE);
            Files.setLastModifiedTime(manifest, java.nio.file.attribute.FileTime.fromMillis(0));
            Files.writeString(root.resolve("alpha").resolve("notes.txt"), "retrained on 2023 too");
            BundleWatcher.Outcome same = next(outcomes, o -> o.name().equals("alpha"));
            assertEquals(BundleWatcher.Result.UNCHANGED, same.result(), "the same content loads nothing");

            replaceContent(root.resolve("alpha"), STRICT);
            next(outcomes, o -> o.result() == BundleWatcher.Result.LOADED && o.detail().equals(STRICT.manifest().version()));
            assertEquals(STRICT.manifest().version(), models.info("alpha").version());

            Files.write(root.resolve("alpha").resolve("model.onnx"), new byte[] {9, 9, 9});
            BundleWatcher.Outcome refused = next(outcomes, o -> o.result() == BundleWatcher.Result.REFUSED);
            assertTrue(refused.detail().contains("ONNX Runtime cannot load it"), refused.detail());
            assertEquals(STRICT.manifest().version(), models.info("alpha").version(), "the old one keeps serving");

            Path staged = STRICT.save(dir.resolve("staging/beta"));
            Files.move(staged, root.resolve("beta"), StandardCopyOption.ATOMIC_MOVE);
            next(outcomes, o -> o.name().equals("beta") && o.result() == BundleWatcher.Result.LOADED);
            assertEquals(STRICT.manifest().version(), models.info("beta").version());
        } finally {
            models.close();
        }
    }

    @Test
    void serveWatchServesTheBundlesOverHttpAndFollowsTheirChanges() throws Exception {
        Path root = Files.createDirectories(dir.resolve("bundles"));
        EARLY.save(root.resolve("candidate"));
        int port = freePort();
        MagicSteps cliRoot = new MagicSteps(Map.of("DATA_DIR", dir.resolve("data").toString(), "HOST", "127.0.0.1"),
                dir, Wiring::new, new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(cliRoot);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(cli.execute("serve", "--port", Integer.toString(port), "--watch",
                root.toString())));
        serving.start();
        try {
            String ready = awaitBody(port, "/v2/models/candidate", body -> body.contains(EARLY.manifest().version()));
            assertTrue(ready.contains("\"name\":\"candidate\""), ready);

            replaceContent(root.resolve("candidate"), STRICT);

            awaitBody(port, "/v2/models/candidate", body -> body.contains(STRICT.manifest().version()));
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertEquals(0, exit.get());
        assertTrue(out.toString().contains("models          default, candidate, early-warning, early-warning-strict"),
                out.toString());
        assertTrue(out.toString().contains("watching " + root), out.toString());
    }

    /** Writes {@code bundle}'s files over the directory's, the manifest first, as a careless copy would. */
    private static void replaceContent(Path directory, ModelBundle bundle) throws IOException {
        Path staged = bundle.save(Files.createTempDirectory(directory.getParent().getParent(), "staged"));
        Files.copy(staged.resolve(ModelBundle.MANIFEST_FILE), directory.resolve(ModelBundle.MANIFEST_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(staged.resolve("model.onnx"), directory.resolve("model.onnx"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The next outcome that matches, waiting at most 20 s for it. */
    private static BundleWatcher.Outcome next(BlockingQueue<BundleWatcher.Outcome> outcomes,
            Predicate<BundleWatcher.Outcome> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            BundleWatcher.Outcome outcome = outcomes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (outcome != null && wanted.test(outcome)) {
                return outcome;
            }
        }
        throw new AssertionError("no such outcome within 20 s");
    }

    /** Polls {@code path} until its body satisfies {@code wanted}, for at most 30 s. */
    private static String awaitBody(int port, String path, Predicate<String> wanted) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && wanted.test(response.body())) {
                    return response.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " never matched; last answer: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
