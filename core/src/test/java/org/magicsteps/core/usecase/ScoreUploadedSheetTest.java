package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.port.SheetUploads;
import org.magicsteps.core.testing.Students;

/** An uploaded sheet: scored with the threshold in force, the scored students logged as one batch under the user. */
class ScoreUploadedSheetTest {

    private final Fixture fx = new Fixture();
    private final List<String> opened = new ArrayList<>();

    /** The "file" is the list of score_ipv values, one row each ("x" makes a row the schema refuses). */
    private final SheetUploads uploads = (content, name, schema) -> {
        opened.add(name);
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.equals("not a sheet")) {
            throw new ValidationException(Violation.of(SheetUploads.LOCATION, null, Violation.Kind.INVALID,
                    name + ": is neither XLSX nor CSV"));
        }
        List<StudentRow> rows = new ArrayList<>();
        String[] values = text.split(",");
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> features = new LinkedHashMap<>(Students.rawStudent());
            features.put("score_ipv", values[i]);
            rows.add(new StudentRow(i + 2, "RA-" + (i + 1), features, List.of()));
        }
        return new InMemoryRowSource(name, "test layout", rows);
    };

    private ScoreUploadedSheet useCase(int maxRows) {
        return new ScoreUploadedSheet(ServedModels.of(fx.predictor), uploads, fx.log, fx.readThreshold, fx.clock, maxRows);
    }

    private static ScoreUploadedSheet.Command upload(String values) {
        return new ScoreUploadedSheet.Command("bia", null, values.getBytes(StandardCharsets.UTF_8), "pede.xlsx",
                MissingValues.REFUSE);
    }

    @Test
    void theScoredStudentsAreLoggedAsOneBatchUnderTheUserWithTheirFeaturesAndTheRejectedAreNot() {
        ScoreUploadedSheet.ScoredSheet sheet = useCase(100).execute(upload("9,x,3"));

        assertEquals(List.of("pede.xlsx"), opened);
        assertEquals(ServedModels.DEFAULT_NAME, sheet.model());
        assertEquals(3, sheet.rows().size());
        ScoreUploadedSheet.Row first = sheet.rows().get(0);
        assertEquals(0.9, first.result().prediction().probability(), 1e-12);
        assertEquals(9.0, first.features().number("score_ipv").orElseThrow());
        ScoreUploadedSheet.Row refused = sheet.rows().get(1);
        assertTrue(refused.result().isRejected());
        assertNull(refused.features(), "a refused row has no features to show or log");
        assertEquals(List.of(2), fx.log.appendSizes, "the scored students, in one append");
        List<PredictionRecord> logged = fx.log.inner.query(LogQuery.all()).records();
        assertEquals(2, logged.size());
        for (PredictionRecord record : logged) {
            assertEquals("bia", record.user());
            assertEquals(sheet.batchId(), record.batchId());
        }
        assertEquals(List.of("RA-1", "RA-3"), logged.stream().map(r -> r.prediction().studentId()).sorted().toList());
        assertEquals(first.features(), logged.stream().filter(r -> r.prediction().studentId().equals("RA-1"))
                .findFirst().orElseThrow().features(), "logged with the features it was scored from");
        assertEquals(2, sheet.score().scored());
        assertEquals(1, sheet.score().summary().rejected());
        assertEquals("test layout", sheet.score().summary().layout());
    }

    @Test
    void explainedOnRequestEachScoredRowCarriesItsExplanationAndAModelThatCannotExplainScoresNothing() {
        ExplainStudentsTest.ExplainedPredictor explained = new ExplainStudentsTest.ExplainedPredictor();
        ScoreUploadedSheet useCase = new ScoreUploadedSheet(ServedModels.of(explained), uploads, fx.log,
                new ReadThreshold(fx.settings, explained, fx.clock, java.time.Duration.ZERO), fx.clock, 100);

        ScoreUploadedSheet.ScoredSheet sheet = useCase.execute(new ScoreUploadedSheet.Command("bia", null,
                "9,x,3".getBytes(StandardCharsets.UTF_8), "pede.xlsx", MissingValues.REFUSE, true));

        assertEquals(1, explained.explained.size(), "one explainer call for the chunk");
        assertEquals(2, explained.explained.get(0).size(), "the two scored rows, not the refused one");
        ScoreUploadedSheet.Row first = sheet.rows().get(0);
        assertEquals(Math.log(0.9 / 0.1), first.result().explanation().logOdds(), 1e-12);
        assertNull(sheet.rows().get(1).result().explanation());
        assertNull(useCase.execute(upload("9")).rows().get(0).result().explanation(), "not asked: not explained");

        int appends = fx.log.appendSizes.size();
        assertThrows(CannotExplainException.class, () -> useCase(100).execute(new ScoreUploadedSheet.Command("bia",
                null, "9".getBytes(StandardCharsets.UTF_8), "pede.xlsx", MissingValues.REFUSE, true)));
        assertEquals(appends, fx.log.appendSizes.size(), "nothing logged");
    }

    @Test
    void theThresholdInForceDecidesNotTheModelsOwn() {
        fx.changeThreshold.execute(new Actor("ana", Role.ADMIN), 0.95);

        ScoreUploadedSheet.ScoredSheet sheet = useCase(100).execute(upload("9"));

        assertEquals(0.95, sheet.score().threshold().value());
        assertEquals(0, sheet.rows().get(0).result().prediction().predictedClass(), "0.9 is below 0.95");
    }

    @Test
    void aSheetOfMoreRowsThanTheLimitIsRefusedAndNothingIsLogged() {
        ValidationException refused = assertThrows(ValidationException.class, () -> useCase(2).execute(upload("1,2,3")));

        Violation violation = refused.violations().get(0);
        assertEquals(List.of(SheetUploads.LOCATION), violation.location());
        assertEquals("sheet: pede.xlsx has more than 2 rows, the most an upload may have; score it with magic-steps "
                + "score", violation.message());
        assertEquals(List.of(), fx.log.appendSizes);
    }

    @Test
    void anUnreadableUploadIsTheReadersRefusalAndAnUnknownModelIsNotFound() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> useCase(100).execute(upload("not a sheet")));
        assertEquals("pede.xlsx: is neither XLSX nor CSV", refused.violations().get(0).message());

        NotFoundException unknown = assertThrows(NotFoundException.class, () -> useCase(100).execute(
                new ScoreUploadedSheet.Command("bia", "nope", new byte[] {1}, "x.csv", MissingValues.REFUSE)));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        assertEquals(List.of(), fx.log.appendSizes);
    }
}
