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
}
