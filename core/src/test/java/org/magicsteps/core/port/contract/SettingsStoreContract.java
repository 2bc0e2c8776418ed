package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.SettingsStore;

/** What every {@link SettingsStore} does. */
public abstract class SettingsStoreContract<S extends SettingsStore & HealthReporting> extends HealthContract<S> {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.250Z");

    /** A new, empty store. */
    protected abstract S newStore();

    /** A second view of the same store, as another replica would have; {@code null} when there is none. */
    protected SettingsStore sameStoreFromAnotherReplica() {
        return null;
    }

    private S store;

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void noThresholdUntilOneIsSet() {
        assertEquals(Optional.empty(), store.threshold());
        assertEquals(List.of(), store.thresholdHistory(10));
    }

    @Test
    void theLastThresholdSetIsInForce() {
        ThresholdSetting first = new ThresholdSetting(new Threshold(0.4), T0, "ana", "1.0.0");
        ThresholdSetting second = new ThresholdSetting(new Threshold(0.35), T0.plusSeconds(60), "bia", "1.0.0");

        store.saveThreshold(first);
        store.saveThreshold(second);

        assertEquals(Optional.of(second), store.threshold());
    }

    @Test
    void everyChangeIsInTheAuditTrailNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            store.saveThreshold(new ThresholdSetting(new Threshold(i / 10.0), T0.plusSeconds(i), "user" + i, "1.0.0"));
        }

        List<ThresholdSetting> history = store.thresholdHistory(3);

        assertEquals(List.of("user5", "user4", "user3"), history.stream().map(ThresholdSetting::updatedBy).toList());
        assertEquals(5, store.thresholdHistory(100).size());
    }

    @Test
    void eachModelVersionKeepsTheThresholdLastSetForIt() {
        ThresholdSetting firstA = new ThresholdSetting(new Threshold(0.4), T0, "ana", "model-a-1");
        ThresholdSetting onlyB = new ThresholdSetting(new Threshold(0.2), T0.plusSeconds(1), "bia", "model-b-1");
        ThresholdSetting lastA = new ThresholdSetting(new Threshold(0.45), T0.plusSeconds(2), "ana", "model-a-1");
        ThresholdSetting newestB = new ThresholdSetting(new Threshold(0.25), T0.plusSeconds(3), "bia", "model-b-1");

        store.saveThreshold(firstA);
        store.saveThreshold(onlyB);
        store.saveThreshold(lastA);
        assertEquals(Optional.of(lastA), store.threshold("model-a-1"));
        assertEquals(Optional.of(onlyB), store.threshold("model-b-1"));

        store.saveThreshold(newestB);
        assertEquals(Optional.of(lastA), store.threshold("model-a-1"), "a change for B leaves A's in force");
        assertEquals(Optional.of(newestB), store.threshold("model-b-1"));
        assertEquals(Optional.empty(), store.threshold("model-c-1"));
        assertEquals(Optional.of(newestB), store.threshold(), "the last set of all, as before");
    }

    @Test
    void anotherReplicaSeesTheChange() {
        SettingsStore other = sameStoreFromAnotherReplica();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this store has no other replica");
        ThresholdSetting setting = new ThresholdSetting(new Threshold(0.61), T0, "ana", "1.0.0");

        store.saveThreshold(setting);

        assertEquals(Optional.of(setting), other.threshold());
    }

    @Override
    protected S usedStore() {
        store.threshold();
        return store;
    }
}
