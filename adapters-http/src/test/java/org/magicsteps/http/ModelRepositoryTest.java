package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.ForwardingPredictor;

/**
 * The repository extension: index, load and unload while the server answers; a refused load
 * leaves the old model serving; a request in flight finishes on the model it started with.
 */
class ModelRepositoryTest {

    private TestServer server;
    private String admin;
    private String user;

    /** A model that counts how often it is closed. */
    static final class Closable extends ForwardingPredictor implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        Closable(Predictor inner) {
            super(inner);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @BeforeEach
    void start() {
        server = new TestServer();
        admin = server.adminToken("root");
        user = server.userToken("lia");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Response load(String name, String bundle) {
        return server.postJson("/v2/repository/models/" + name + "/load",
                bundle == null ? "" : "{\"parameters\": {\"bundle\": \"" + bundle + "\"}}", admin);
    }

    private String predictVersion(String model) {
        String student = model.equals("default") ? TestModel.studentJson(5)
                : TestModel.studentJson(5).replace("\"score_ipv\": 7.3, ", "");
        TestServer.Response r = server.postJson("/predict?model=" + model, "{\"features\": " + student + "}", user);
        assertEquals(200, r.status(), r.body());
        return r.json().get("model_version").asText();
    }

    @Test
    void aNewModelIsLoadedServedListedAndUnloaded() {
        server.bundles.put("/srv/second", () -> ModelChoiceRoutesTest.secondModel("second-1"));

        TestServer.Response loaded = load("second", "/srv/second");

        assertEquals(200, loaded.status(), loaded.body());
        assertEquals("{\"name\":\"second\",\"version\":\"second-1\",\"state\":\"READY\",\"location\":\"/srv/second\"}",
                loaded.body());
        assertEquals("second-1", predictVersion("second"));
        assertEquals(200, server.get("/v2/models/second/ready", null).status());
        JsonNode index = server.postJson("/v2/repository/index", "", admin).json();
        assertEquals("[{\"name\":\"default\",\"version\":\"test-1\",\"state\":\"READY\",\"reason\":\"\"},"
                + "{\"name\":\"second\",\"version\":\"second-1\",\"state\":\"READY\",\"reason\":\"\"}]", index.toString());

        TestServer.Response unloaded = server.postJson("/v2/repository/models/second/unload", "", admin);

        assertEquals(200, unloaded.status(), unloaded.body());
        assertEquals("UNAVAILABLE", unloaded.json().get("state").asText());
        assertEquals(404, server.get("/v2/models/second/ready", null).status());
        TestServer.Response gone = server.postJson("/predict?model=second", "{\"features\": {}}", user);
        assertEquals(404, gone.status());
        JsonNode after = server.postJson("/v2/repository/index", "{}", admin).json();
        assertEquals("UNAVAILABLE", after.get(1).get("state").asText());
        assertEquals(1, server.postJson("/v2/repository/index", "{\"ready\": true}", admin).json().size());
        assertEquals(404, server.postJson("/v2/repository/models/second/unload", "", admin).status());

        server.bundles.put("/srv/second", () -> ModelChoiceRoutesTest.secondModel("second-2"));
        TestServer.Response again = load("second", null);
        assertEquals(200, again.status(), "loaded again by name from where it was: " + again.body());
        assertEquals("second-2", predictVersion("second"));
    }

    @Test
    void aBrokenBundleIsRefusedWith400AndTheOldModelKeepsAnswering() {
        server.bundles.put("/srv/second", () -> ModelChoiceRoutesTest.secondModel("second-1"));
        load("second", "/srv/second");
        Closable notAProbability = new Closable(new FunctionPredictor(ModelChoiceRoutesTest.secondModel("bad").info(),
                TestModel.SCHEMA, s -> 7.0));
        server.bundles.put("/srv/bad", () -> notAProbability);

        TestServer.Response missing = load("second", "/srv/missing");
        TestServer.Response probed = load("second", "/srv/bad");

        assertEquals(400, missing.status());
        assertEquals("{\"error\":\"model 'second' was not loaded from /srv/missing: /srv/missing: does not exist\"}",
                missing.body());
        assertEquals(400, probed.status());
        assertTrue(probed.json().get("error").asText().startsWith("model 'second' from /srv/bad fails its probe: "),
                probed.body());
        assertEquals(1, notAProbability.closed.get(), "the refused model is closed at once");
        assertEquals("second-1", predictVersion("second"), "the old model keeps answering");
        assertEquals(400, load("brand-new", null).status(), "a new name needs a bundle");
        assertEquals(400, load("default", "/srv/missing").status());
        assertEquals(TestModel.VERSION, predictVersion("default"));
        TestServer.Response defaultUnload = server.postJson("/v2/repository/models/default/unload", "", admin);
        assertEquals(400, defaultUnload.status());
        assertTrue(defaultUnload.json().get("error").asText().contains("is the default model"), defaultUnload.body());
        assertEquals(403, server.postJson("/v2/repository/models/second/load", "", user).status());
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("model_changes_total{outcome=\"refused\"} 4.0"), metrics);
    }

    @Test
    void aRequestInFlightFinishesOnTheModelItStartedWithWhichClosesAfterIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // Its first call is the load's probe; the next one, a request, waits inside the model.
        Closable held = new Closable(new FunctionPredictor(ModelChoiceRoutesTest.secondModel("slow-1").info(),
                ModelChoiceRoutesTest.secondModel("x").schema(), s -> {
                    if (calls.incrementAndGet() > 1) {
                        inside.countDown();
                        await(release);
                    }
                    return 0.42;
                }));
        Closable next = new Closable(ModelChoiceRoutesTest.secondModel("slow-2"));
        server.bundles.put("/srv/first", () -> held);
        server.bundles.put("/srv/second", () -> next);
        assertEquals(200, load("swap", "/srv/first").status());

        CompletableFuture<TestServer.Response> inFlight = CompletableFuture.supplyAsync(() -> server.postJson(
                "/predict?model=swap", "{\"features\": " + TestModel.studentJson(5).replace("\"score_ipv\": 7.3, ", "")
                        + "}", user));
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the request is inside the first model");
        TestServer.Response swapped = load("swap", "/srv/second");

        assertEquals(200, swapped.status(), swapped.body());
        assertEquals("slow-1", swapped.json().get("replaced_version").asText());
        assertEquals("slow-2", predictVersion("swap"), "new requests get the new model at once");
        assertEquals(0, held.closed.get(), "not closed while the request in flight uses it");
        release.countDown();
        TestServer.Response finished = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.status(), finished.body());
        assertEquals("slow-1", finished.json().get("model_version").asText(), "finished on the model it started with");
        assertEquals(0.42, finished.json().get("probability").asDouble());
        assertEquals(1, held.closed.get(), "closed once the last request is done");
        assertEquals(0, next.closed.get());
    }

    @Test
    void loadsUnderConcurrentRequestsFailNoRequest() throws Exception {
        int versions = 20;
        int threads = 4;
        int requestsPerThread = 60;
        for (int v = 1; v <= versions; v++) {
            String version = "c-" + v;
            server.bundles.put("/srv/c" + v, () -> ModelChoiceRoutesTest.secondModel(version));
        }
        assertEquals(200, load("live", "/srv/c1").status());
        String predict = "{\"features\": " + TestModel.studentJson(5).replace("\"score_ipv\": 7.3, ", "") + "}";
        String infer = InferenceRequests.byFeature(ModelChoiceRoutesTest.secondModel("x").schema(),
                InferenceRequests.students(ModelChoiceRoutesTest.secondModel("x").schema(), 5, 3)).toString();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                go.await();
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < requestsPerThread; i++) {
                    TestServer.Response r = (i + thread) % 2 == 0
                            ? server.postJson("/predict?model=live", predict, user)
                            : server.postJson("/v2/models/live/infer", infer, user);
                    if (r.status() != 200) {
                        seen.add("FAILED " + r.status() + " " + r.body());
                    } else {
                        seen.add(r.json().get("model_version").asText());
                    }
                }
                return seen;
            }));
        }
        go.countDown();
        for (int v = 2; v <= versions; v++) {
            TestServer.Response r = load("live", "/srv/c" + v);
            assertEquals(200, r.status(), r.body());
        }
        Set<String> versionsSeen = new HashSet<>();
        int answered = 0;
        for (Future<List<String>> client : clients) {
            for (String outcome : client.get(60, TimeUnit.SECONDS)) {
                assertTrue(outcome.startsWith("c-"), outcome);
                versionsSeen.add(outcome);
                answered++;
            }
        }
        pool.shutdown();
        assertEquals(threads * requestsPerThread, answered, "every request answered, none failed");
        assertEquals("c-" + versions, predictVersion("live"));
        assertTrue(versionsSeen.size() >= 1, versionsSeen.toString());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the model");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
