package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.Predictor;

/** Models opened ahead at start: handed out once as the source opened them, the rest closed. */
class ModelsOpenedAheadTest {

    /** A model that only knows where it came from and whether it was closed. */
    private static final class Opened implements Predictor, AutoCloseable {
        final String location;
        volatile boolean closed;

        Opened(String location) {
            this.location = location;
        }

        @Override
        public ModelInfo info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FeatureSchema schema() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] probabilities(List<StudentFeatures> students) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProcessedFeatures process(StudentFeatures student) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Map<String, Integer> opens = new ConcurrentHashMap<>();
    private final List<Opened> all = new CopyOnWriteArrayList<>();
    private final ModelSource source = location -> {
        opens.merge(location, 1, Integer::sum);
        if (location.equals("broken")) {
            throw new PortException("broken: no manifest.json");
        }
        Opened opened = new Opened(location);
        all.add(opened);
        return opened;
    };

    @Test
    void aModelOpenedAheadIsHandedOutOnceThenOpenedAfresh() {
        try (ModelsOpenedAhead ahead = new ModelsOpenedAhead(source, List.of("a", "b"))) {
            Predictor first = ahead.open("a");
            assertEquals("a", ((Opened) first).location);
            Predictor again = ahead.open("a");
            assertNotSame(first, again, "a second load of the same location opens it again, as the source would");
            assertEquals(2, opens.get("a"));
            assertEquals("c", ((Opened) ahead.open("c")).location, "a location not opened ahead is opened now");
        }
    }

    @Test
    void aModelThatFailsToOpenAheadFailsWithTheSourcesOwnException() {
        try (ModelsOpenedAhead ahead = new ModelsOpenedAhead(source, List.of("broken"))) {
            PortException e = assertThrows(PortException.class, () -> ahead.open("broken"));
            assertEquals("broken: no manifest.json", e.getMessage());
        }
    }

    @Test
    void modelsNobodyAskedForAreClosedWithIt() throws Exception {
        Predictor served;
        try (ModelsOpenedAhead ahead = new ModelsOpenedAhead(source, List.of("a", "b"))) {
            served = ahead.open("a");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (all.size() < 2 || !all.stream().filter(o -> o.location.equals("b")).allMatch(o -> o.closed)) {
            assertTrue(System.nanoTime() < deadline, "the model opened ahead for b was not closed");
            Thread.onSpinWait();
        }
        assertSame(all.stream().filter(o -> o.location.equals("a")).findFirst().orElseThrow(), served);
        assertTrue(!((Opened) served).closed, "the model handed out belongs to whoever serves it");
    }
}
