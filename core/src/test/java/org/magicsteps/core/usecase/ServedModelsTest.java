package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.ModelInfo;

class ServedModelsTest {

    @Test
    void aNameOrTheDefaultIsLeasedAndAnUnknownNameListsTheServedOnes() {
        TestModels.Model main = TestModels.byIpv("main-1", 0.5);
        ServedModels models = new ServedModels("main", "dir/main", main);
        models.serve("other", "dir/other", TestModels.byIda("other-1", 0.3));
        models.serve("another", "dir/another", TestModels.byIda("another-1", 0.3));

        try (ServedModels.Lease lease = models.lease(null)) {
            assertSame(main, lease.predictor());
            assertEquals("main", lease.name());
        }
        assertEquals("other-1", models.info("other").version());
        assertEquals(List.of("main", "another", "other"), models.names(), "the default first, then sorted");
        NotFoundException e = assertThrows(NotFoundException.class, () -> models.lease("nope"));
        assertEquals("no model 'nope' is served; the models served are main, another, other", e.getMessage());
    }

    @Test
    void aReplacedModelIsClosedOnlyAfterItsLastLease() {
        TestModels.Model v1 = TestModels.byIpv("v1", 0.5);
        TestModels.Model v2 = TestModels.byIpv("v2", 0.5);
        ServedModels models = new ServedModels("m", "dir/m", v1);
        ServedModels.Lease inFlight = models.lease("m");
        ServedModels.Lease another = models.lease("m");

        Optional<ModelInfo> replaced = models.serve("m", "dir/m2", v2);

        assertEquals("v1", replaced.orElseThrow().version());
        assertSame(v2, models.lease("m").predictor(), "new requests get the new model");
        assertSame(v1, inFlight.predictor(), "a request in flight keeps the model it started with");
        inFlight.close();
        inFlight.close();
        assertEquals(0, v1.closed.get(), "closing one lease twice counts once; another lease still holds it");
        another.close();
        assertEquals(1, v1.closed.get(), "closed once nothing uses it");
        assertThrows(IllegalStateException.class, inFlight::predictor);
        assertEquals(Optional.of("dir/m2"), models.location("m"));
    }

    @Test
    void aWithdrawnModelStaysInTheIndexAndTheDefaultCannotBeWithdrawn() {
        TestModels.Model other = TestModels.byIda("o-1", 0.3);
        ServedModels models = new ServedModels("main", "dir/main", TestModels.byIpv("main-1", 0.5));
        models.serve("other", "dir/other", other);

        assertEquals("o-1", models.withdraw("other").orElseThrow().version());
        assertEquals(Optional.empty(), models.withdraw("other"));
        assertEquals(1, other.closed.get());
        assertThrows(NotFoundException.class, () -> models.lease("other"));
        List<ServedModels.Entry> index = models.index();
        assertEquals(List.of("main", "other"), index.stream().map(ServedModels.Entry::name).toList());
        assertTrue(index.get(0).served() && index.get(0).isDefault());
        assertFalse(index.get(1).served());
        assertEquals("dir/other", index.get(1).location());
        assertThrows(IllegalArgumentException.class, () -> models.withdraw("main"));
    }

    @Test
    void namesAreShortPlainWords() {
        assertTrue(ServedModels.isValidName("early-warning_2.1"));
        for (String bad : new String[] {"", " x", "-x", "a/b", "x".repeat(65), "ç", null}) {
            assertFalse(ServedModels.isValidName(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new ServedModels("a b", "x", TestModels.byIpv("1", 0.5)));
    }

    @Test
    void closingWithdrawsEveryModelTheDefaultToo() {
        TestModels.Model main = TestModels.byIpv("main-1", 0.5);
        TestModels.Model other = TestModels.byIda("o-1", 0.3);
        ServedModels models = new ServedModels("main", "dir/main", main);
        models.serve("other", "dir/other", other);

        models.close();

        assertEquals(1, main.closed.get());
        assertEquals(1, other.closed.get());
        assertThrows(NotFoundException.class, () -> models.lease(null));
    }

    @Test
    void leasesTakenWhileModelsAreReplacedAlwaysGetAnOpenModel() throws Exception {
        ServedModels models = new ServedModels("m", "dir", TestModels.byIpv("v0", 0.5));
        List<TestModels.Model> versions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                start.await();
                int used = 0;
                for (int i = 0; i < 2_000; i++) {
                    try (ServedModels.Lease lease = models.lease("m")) {
                        TestModels.Model model = (TestModels.Model) lease.predictor();
                        assertEquals(0, model.closed.get(), "a leased model is never closed");
                        used++;
                    }
                }
                return used;
            }));
        }
        start.countDown();
        for (int v = 1; v <= 200; v++) {
            TestModels.Model next = TestModels.byIpv("v" + v, 0.5);
            versions.add(next);
            models.serve("m", "dir", next);
        }
        int total = 0;
        for (Future<Integer> worker : workers) {
            total += worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(8_000, total);
        for (TestModels.Model version : versions.subList(0, versions.size() - 1)) {
            assertEquals(1, version.closed.get(), version.info().version() + " was replaced, so closed once");
        }
        assertEquals(0, versions.get(versions.size() - 1).closed.get(), "the one served stays open");
    }
}
