package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureDrift;
import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.testing.ForwardingPredictor;
import org.magicsteps.core.testing.Students;

/** Drift of a sheet and of the prediction log against a model's training reference. */
class DriftTest {

    static final Instant NOW = Instant.parse("2026-06-01T09:30:00Z");

    /** The test predictor with a training reference: IPV in four bins, gender in two words, turma ignored. */
    static final class ReferencedPredictor extends ForwardingPredictor {
        ReferencedPredictor() {
            super(Students.predictor());
        }





        @Override
        public List<FeatureReference> trainingReference() {
            return List.of(
                    FeatureReference.numeric("score_ipv", true, List.of(2.0, 4.0, 6.0, 8.0, 10.0),
                            List.of(50L, 30L, 20L, 0L), 0L),
                    FeatureReference.categorical("genero", true, List.of("menina", "menino"), List.of(60L, 40L), 5L),
                    FeatureReference.categorical("turma", false, List.of("a", "b"), List.of(5L, 5L), 0L),
                    FeatureReference.unknown("fase", true, true));
        }
    }

    private static Map<String, Object> row(Object ipv, Object genero, Object turma) {
        Map<String, Object> row = new HashMap<>();
        row.put("score_ipv", ipv);
        row.put("genero", genero);
        row.put("turma", turma);
        row.put("fase", 3.0);
        return row;
    }

    @Test
    void aSheetIsCountedInTheTrainingBinsWithOutOfRangeAndMissingValuesApart() {
        List<Map<String, Object>> rows = new ArrayList<>();
        // IPV: 25 per bin over 100 rows with a value, of which 3 outside the range [2, 10] fall in the end bins.
        for (int i = 0; i < 25; i++) {
            rows.add(row(i == 0 ? 1.5 : 3.0, "Menina", "a"));
            rows.add(row("5,0", "menina", "a"));
            rows.add(row(7.0, i < 2 ? "Não sei" : "menino", "c"));
            rows.add(row(i < 2 ? 12.0 : i == 2 ? 10.0 : 9.0, "menino", "b"));
        }
        rows.add(row(null, "menina", "a"));
        rows.add(row(" ", null, "a"));
        rows.add(row("n/a", "", "a"));

        DriftReport report = new MeasureDrift(new ReferencedPredictor()).execute(source("pede2023.xlsx", rows));

        assertEquals(103, report.rows());
        FeatureDrift ipv = report.features().get(0);
        assertEquals(List.of(25L, 25L, 25L, 25L), ipv.currentCounts());
        assertEquals(List.of("2–4", "4–6", "6–8", "8–10"), ipv.bins());
        assertEquals(3, ipv.missing(), "absent, blank and unreadable");
        assertEquals(3, ipv.outside(), "1.5 and twice 12; the upper edge 10 is inside");
        assertEquals(3 / 100.0, ipv.outsideShare(), 1e-12);
        assertEquals(2.1487891, ipv.psi(), 1e-7, "the hand-worked example of FeatureDriftTest");
        assertEquals(DriftLevel.MAJOR, ipv.level());
        assertEquals(0.0, ipv.referenceMissingShare(), 0);

        FeatureDrift genero = report.features().get(1);
        assertEquals(List.of("menina", "menino", "(other)"), genero.bins());
        assertEquals(List.of(51L, 48L, 2L), genero.currentCounts());
        assertEquals(2, genero.outside());
        assertEquals(2, genero.missing());
        assertEquals(5 / 105.0, genero.referenceMissingShare(), 1e-12);

        FeatureDrift turma = report.features().get(2);
        assertFalse(turma.readByModel());
        assertEquals(DriftLevel.MAJOR, turma.level(), "c was never seen in training");
        FeatureDrift fase = report.features().get(3);
        assertNull(fase.psi());
        assertNull(fase.level(), "no reference to compare with");
        assertTrue(report.anyMajor());
        assertEquals(List.of("score_ipv", "turma", "genero", "fase"),
                report.mostDriftedFirst().stream().map(FeatureDrift::feature).toList());
    }

    @Test
    void aFeatureNoRowHasIsMajorAndIgnoredFeaturesDoNotMakeAReportMajor() {
        List<Map<String, Object>> rows = List.of(row(null, "menina", "c"), row(null, "menino", "c"));
        DriftReport report = new MeasureDrift(new ReferencedPredictor()).execute(source("sheet", rows));
        assertEquals(DriftLevel.MAJOR, report.features().get(0).level());
        assertNull(report.features().get(0).psi());
        assertTrue(report.anyMajor());

        List<Map<String, Object>> stable = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stable.add(row(3.0 + (i % 5) * 1.2, i < 6 ? "menina" : "menino", "z"));
        }
        DriftReport onlyIgnored = new MeasureDrift(new ReferencedPredictor()).execute(source("sheet", stable));
        assertEquals(DriftLevel.MAJOR, onlyIgnored.features().get(2).level());
        assertEquals(DriftLevel.STABLE, onlyIgnored.features().get(1).level());
    }

    @Test
    void aSheetWithoutAnyOfTheModelsFeaturesIsRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> new MeasureDrift(
                new ReferencedPredictor()).execute(source("other.csv", List.of(Map.of("a", 1), Map.of("b", 2)))));
        assertTrue(e.violations().get(0).message().startsWith("other.csv: no row holds any of the model's features"));
    }

    private static RowSource source(String name, List<? extends Map<String, ?>> rows) {
        List<StudentRow> students = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            students.add(new StudentRow(i + 2, null, new HashMap<>(rows.get(i)), List.of()));
        }
        return new InMemoryRowSource(name, "test", students);
    }

    @Test
    void theLogIsMeasuredOverItsWindowByAdminsOnly() {
        InMemoryPredictionLog log = new InMemoryPredictionLog();
        List<PredictionRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(record("in-" + i, NOW.minusSeconds(60L * i + 1), i % 2 == 0 ? 3.0 : 9.0));
        }
        records.add(record("old", NOW.minusSeconds(25 * 3600), 3.0));
        records.add(new PredictionRecord(Prediction.of("no-gender", null, 0.4, new Threshold(0.5), "1.0.0",
                NOW.minusSeconds(7)), "ana", new StudentFeatures(Map.of("score_ipv", 3.0, "turma", "a")), null));
        log.append(records);
        MonitorDrift monitor = new MonitorDrift(log, new ReferencedPredictor(), Clock.fixed(NOW, ZoneOffset.UTC));

        DriftReport lastDay = monitor.execute(new Actor("ana", Role.ADMIN), null, null, null);
        assertEquals(41, lastDay.rows(), "the last 24 hours by default");
        assertEquals(NOW.minusSeconds(24 * 3600), lastDay.from());
        assertEquals(List.of(21L, 0L, 0L, 20L), lastDay.features().get(0).currentCounts());
        assertEquals(1, lastDay.features().get(1).missing(), "a record without genero");
        assertEquals(List.of(40L, 0L, 0L), lastDay.features().get(1).currentCounts());
        assertEquals(1, lastDay.features().get(3).missing(), "nor fase");
        assertEquals(lastDay, monitor.lastDay());
        assertEquals(42, monitor.execute(new Actor("ana", Role.ADMIN), NOW.minusSeconds(26 * 3600), NOW, "default")
                .rows());

        assertThrows(AccessDeniedException.class, () -> monitor.execute(new Actor("bia", Role.USER), null, null, null));
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> monitor.execute(new Actor("ana", Role.ADMIN), null, null, "other"));
        assertTrue(unknown.getMessage().contains("other"), unknown.getMessage());
        assertThrows(ValidationException.class, () -> monitor.execute(new Actor("ana", Role.ADMIN), NOW, NOW, null));
    }

    private static PredictionRecord record(String id, Instant at, double ipv) {
        StudentFeatures features = new StudentFeatures(Map.of("score_ipv", ipv, "genero", "menina", "turma", "a",
                "fase", 3.0));
        return new PredictionRecord(Prediction.of(id, null, 0.4, new Threshold(0.5), "1.0.0", at), "ana", features,
                null);
    }
}
