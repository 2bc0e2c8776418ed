package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.testing.ManualClock;
import org.magicsteps.core.testing.Students;

class ThresholdUseCasesTest {

    private static final Actor ADMIN = new Actor("boss", Role.ADMIN);

    @Test
    void withoutASettingTheModelsDefaultIsInForce() {
        Fixture fx = new Fixture();

        ThresholdSetting current = fx.readThreshold.current();

        assertEquals(0.5, current.threshold().value());
        assertEquals(ThresholdSetting.MODEL_DEFAULT, current.updatedBy());
    }

    @Test
    void anAdminChangeIsStoredAuditedAndSeenAtOnce() {
        Fixture fx = new Fixture();

        ThresholdSetting set = fx.changeThreshold.execute(ADMIN, 0.35);

        assertEquals(set, fx.readThreshold.current());
        assertEquals("boss", set.updatedBy());
        assertEquals(Fixture.NOW, set.updatedAt());
        assertEquals(List.of(set), fx.settings.thresholdHistory(10));
    }

    @Test
    void onlyAnAdminMayChangeIt() {
        Fixture fx = new Fixture();

        assertThrows(AccessDeniedException.class, () -> fx.changeThreshold.execute(new Actor("ana", Role.USER), 0.4));
        assertEquals(List.of(), fx.settings.thresholdHistory(10));
    }

    @Test
    void aValueOutsideZeroToOneIsAViolation() {
        Fixture fx = new Fixture();

        ValidationException e = assertThrows(ValidationException.class, () -> fx.changeThreshold.execute(ADMIN, 1.01));
        assertEquals("threshold", e.violations().get(0).field());
    }

    @Test
    void aThresholdSetForAnotherModelDoesNotApply() {
        Fixture fx = new Fixture();
        fx.settings.saveThreshold(new ThresholdSetting(new Threshold(0.2), Fixture.NOW, "boss", "0.9-old"));

        assertEquals(ThresholdSetting.MODEL_DEFAULT, fx.readThreshold.current().updatedBy());
    }

    /** A clock the test moves by hand. */
    @Test
    void aChangeByAnotherReplicaIsSeenOnceTheRefreshPeriodHasPassed() {
        InMemorySettingsStore shared = new InMemorySettingsStore();
        ManualClock clock = new ManualClock(Fixture.NOW);
        ReadThreshold replicaA = new ReadThreshold(shared, Students.predictor(), clock, Duration.ofMillis(500));
        assertEquals(0.5, replicaA.current().threshold().value());

        new ChangeThreshold(shared, new ReadThreshold(shared, Students.predictor()), clock).execute(ADMIN, 0.3);

        assertEquals(0.5, replicaA.current().threshold().value(), "still cached");
        clock.advance(Duration.ofMillis(500));
        assertEquals(0.3, replicaA.current().threshold().value());
    }

    @Test
    void anAdminReadsTheHistoryNewestFirstUpToTheLimit() {
        Fixture fx = new Fixture();
        ThresholdSetting first = fx.changeThreshold.execute(ADMIN, 0.4);
        ThresholdSetting second = fx.changeThreshold.execute(new Actor("chefe", Role.ADMIN), 0.45);
        ReadThresholdHistory history = new ReadThresholdHistory(fx.settings);

        assertEquals(List.of(second, first), history.execute(ADMIN, ReadThresholdHistory.DEFAULT_LIMIT));
        assertEquals(List.of(second), history.execute(ADMIN, 1));
        assertEquals(List.of(second, first), history.execute(ADMIN, ReadThresholdHistory.MAX_LIMIT));
    }

    @Test
    void onlyAnAdminReadsTheHistoryAndTheLimitIsBounded() {
        Fixture fx = new Fixture();
        fx.changeThreshold.execute(ADMIN, 0.4);
        ReadThresholdHistory history = new ReadThresholdHistory(fx.settings);

        assertThrows(AccessDeniedException.class, () -> history.execute(new Actor("ana", Role.USER), 10));
        assertThrows(AccessDeniedException.class, () -> history.execute(new Actor("ana", Role.USER), 0),
                "access before input");
        ValidationException zero = assertThrows(ValidationException.class, () -> history.execute(ADMIN, 0));
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> history.execute(ADMIN, ReadThresholdHistory.MAX_LIMIT + 1));

        assertEquals("limit", zero.violations().get(0).field());
        assertEquals("limit: 0 is below the minimum 1", zero.violations().get(0).message());
        assertEquals("limit: 1001 is above the maximum 1000", tooMany.violations().get(0).message());
    }
}
