package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.contract.SettingsStoreContract;

class SqliteSettingsStoreTest extends SettingsStoreContract<SqliteSettingsStore> {

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void closeStores() {
        stores.close();
    }

    private Path file() {
        return dir.resolve("store.db");
    }

    @Override
    protected SqliteSettingsStore newStore() {
        return stores.open(file()).settings();
    }

    @Override
    protected String expectedImplementation() {
        return "sqlite:" + file().toAbsolutePath();
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    @Override
    protected Optional<SqliteSettingsStore> failedStore() {
        return Optional.of(stores.closed(dir.resolve("closed.db")).settings());
    }

    @Override
    protected SettingsStore sameStoreFromAnotherReplica() {
        // Another SqliteStores on the same file, with connections of its own, as another process has.
        return stores.open(file()).settings();
    }

    @Test
    void theAuditTrailKeepsTheOrderOfTheChangesEvenWhenClocksDisagree() {
        SettingsStore store = stores.open(file()).settings();
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        store.saveThreshold(new ThresholdSetting(new Threshold(0.4), t, "ana", "1.0.0"));
        // Set later through a replica whose clock lags a minute behind.
        store.saveThreshold(new ThresholdSetting(new Threshold(0.6), t.minusSeconds(60), "bia", "1.0.0"));

        assertEquals(List.of("bia", "ana"), store.thresholdHistory(10).stream().map(ThresholdSetting::updatedBy).toList());
        assertEquals("bia", store.threshold().orElseThrow().updatedBy());
    }

    @Test
    void aNegativeHistoryLimitIsRefused() {
        SettingsStore store = stores.open(file()).settings();

        assertThrows(IllegalArgumentException.class, () -> store.thresholdHistory(-1));
        assertEquals(List.of(), store.thresholdHistory(0));
    }
}
