package org.magicsteps.cli;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A bounded load: {@code count} requests from {@code threads} threads, each request made by a
 * function of its number. Every answer is kept (status, prediction ids); a request the server
 * never answered (the connection refused or cut) is counted as such, never as an answer.
 */
final class Load {

    /** What one request got: its status (0 when no answer came) and the prediction ids answered. */
    record Outcome(String kind, int status, List<String> predictionIds) {
    }

    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    /** Runs the requests and waits for all of them. */
    Load run(int count, int threads, String kind, IntFunction<Api.Answer> request) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    outcomes.add(outcome(kind, request, i));
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new AssertionError("the load did not end within 5 minutes");
        }
        return this;
    }

    private static Outcome outcome(String kind, IntFunction<Api.Answer> request, int i) {
        Api.Answer answer;
        try {
            answer = request.apply(i);
        } catch (UncheckedIOException noAnswer) {
            return new Outcome(kind, 0, List.of());
        }
        List<String> ids = new ArrayList<>();
        if (answer.status() == 200) {
            var body = answer.json();
            if (body.has("prediction_id")) {
                ids.add(body.get("prediction_id").asText());
            }
            body.path("predictions").forEach(p -> ids.add(p.get("prediction_id").asText()));
        }
        return new Outcome(kind, answer.status(), ids);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Every prediction id answered, in no order. */
    List<String> answeredIds() {
        List<String> ids = new ArrayList<>();
        outcomes().forEach(o -> ids.addAll(o.predictionIds()));
        return ids;
    }

    /** How many answers of each status a kind of request got ({@code 0}: no answer). */
    Map<Integer, Integer> statuses(String kind) {
        Map<Integer, Integer> counts = new TreeMap<>();
        outcomes().stream().filter(o -> o.kind().equals(kind)).forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return counts;
    }
}
