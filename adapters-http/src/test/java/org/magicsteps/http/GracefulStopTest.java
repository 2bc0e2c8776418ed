package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Stopping the server lets a request in flight finish instead of cutting it off. */
class GracefulStopTest {

    @Test
    void aRequestInFlightIsAnsweredWhileTheServerStops() throws Exception {
        TestServer server = new TestServer();
        String token = server.userToken("slow");
        CountDownLatch scoring = new CountDownLatch(1);
        server.model.slowdown.set(() -> {
            scoring.countDown();
            sleep(500);
        });
        CompletableFuture<TestServer.Response> answer = CompletableFuture.supplyAsync(() -> server.send(
                server.request("/predict", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"features\": " + TestModel.studentJson(7) + "}"))));
        assertTrue(scoring.await(5, TimeUnit.SECONDS));
        server.close();
        TestServer.Response r = answer.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
