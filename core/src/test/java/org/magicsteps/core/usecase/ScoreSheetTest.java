package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary.ReasonCount;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.TrainedValues;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.testing.Students;

class ScoreSheetTest {

    private final Fixture fx = new Fixture();

    /** p = score_ipv / 10; ano_ingresso trained on 2016–2022, score_ieg stood in by 8.4. */
    private final FunctionPredictor model = new FunctionPredictor(
            new ModelInfo("sheet-model", "s-1", "Function", 18, 0, new Threshold(0.5), Instant.EPOCH, Map.of()),
            new FeatureSchema(Students.originalSchema().features().stream().map(ScoreSheetTest::trained).toList()),
            s -> s.number("score_ipv").orElseThrow() / 10.0);

    private static FeatureSpec trained(FeatureSpec spec) {
        return switch (spec.name()) {
            case "ano_ingresso" -> spec.widenedTo(2000.0, 2024.0).withTrained(TrainedValues.range(2016, 2022, 2021.0));
            case "score_ieg" -> spec.withTrained(TrainedValues.range(0, 10, 8.4));
            default -> spec;
        };
    }

    private static StudentRow row(int line, String id, Object... changes) {
        Map<String, Object> features = new LinkedHashMap<>(Students.rawStudent());
        for (int i = 0; i < changes.length; i += 2) {
            features.put((String) changes[i], changes[i + 1]);
        }
        return new StudentRow(line, id, features, List.of());
    }

    private ScoreSheet.SheetScore score(List<StudentRow> rows, OnError onError, MissingValues missing) {
        return new ScoreSheet(model, fx.clock).execute(new ScoreSheet.Command(
                new InMemoryRowSource("pede.xlsx", "PEDE 2023", rows), null, onError, missing));
    }

    @Test
    void everyRowIsAnsweredInSheetOrderWithItsPredictionWarningsOrReasons() {
        List<StudentRow> rows = List.of(
                row(2, "RA-1", "score_ipv", 9.0, "fase", 4, "turma", "C"),
                row(3, "RA-2", "score_ipv", null),
                row(4, "RA-3", "ano_ingresso", 2023, "score_ipv", 3.0),
                row(5, "RA-4", "score_ipv", "abc", "idade", 45));

        ScoreSheet.SheetScore score = score(rows, OnError.SKIP, MissingValues.REFUSE);

        assertEquals(List.of(2, 3, 4, 5), score.rows().stream().map(RowResult::line).toList());
        RowResult first = score.rows().get(0);
        assertEquals("RA-1", first.studentId());
        assertEquals(4, first.phase());
        assertEquals("c", first.className());
        assertEquals(0.9, first.prediction().probability(), 1e-12);
        assertEquals(1, first.prediction().predictedClass());
        assertEquals(List.of(), first.warnings());
        RowResult missing = score.rows().get(1);
        assertNull(missing.prediction());
        assertEquals(List.of("score_ipv: is required but missing"),
                missing.reasons().stream().map(Violation::message).toList());
        assertEquals(3, missing.phase(), "a rejected row still says its phase and class");
        assertEquals("b", missing.className());
        RowResult flagged = score.rows().get(2);
        assertTrue(flagged.isFlagged());
        assertEquals(List.of("ano_ingresso=2023 (trained 2016–2022)"),
                flagged.warnings().stream().map(FeatureWarning::shortText).toList());
        assertEquals(flagged.warnings(), flagged.prediction().warnings());
        assertEquals(2, score.rows().get(3).reasons().size());

        var summary = score.summary();
        assertEquals("pede.xlsx", summary.source());
        assertEquals("PEDE 2023", summary.layout());
        assertEquals(4, summary.read());
        assertEquals(2, score.scored());
        assertEquals(1, summary.flagged());
        assertEquals(2, summary.rejected());
        assertEquals(List.of(new ReasonCount("idade above the maximum", "idade", 1),
                new ReasonCount("score_ipv missing", "score_ipv", 1),
                new ReasonCount("score_ipv not a number", "score_ipv", 1)), summary.rejections());
        assertEquals(List.of(new ReasonCount("ano_ingresso outside the trained range 2016–2022", "ano_ingresso", 1)),
                summary.warnings());
        assertEquals(0.5, score.threshold().value());
        assertEquals("s-1", score.model().version());
    }

    @Test
    void underFailTheRestIsCheckedAndReportedButNothingScoredAfterARejection() {
        List<StudentRow> rows = new ArrayList<>();
        rows.add(row(2, "RA-1"));
        rows.add(row(3, "RA-2", "score_ipv", 11));
        for (int i = 0; i < 3; i++) {
            rows.add(row(4 + i, "RA-" + (3 + i), "fase", i == 1 ? "x" : 2));
        }

        ScoreSheet.SheetScore score = score(rows, OnError.FAIL, MissingValues.REFUSE);

        assertEquals(1, score.scored(), "only the row before the first rejection went to the model");
        assertEquals(2, score.summary().rejected());
        assertEquals(List.of(true, false, false, false, false), score.rows().stream().map(RowResult::isScored).toList());
        assertEquals(List.of(false, true, false, true, false), score.rows().stream().map(RowResult::isRejected).toList());
    }

    @Test
    void withStandInsAMissingValueIsScoredAndFlagged() {
        ScoreSheet.SheetScore score = score(List.of(row(2, "RA-1", "score_ieg", null)), OnError.SKIP,
                MissingValues.STAND_IN);

        RowResult row = score.rows().get(0);
        assertTrue(row.isScored());
        assertEquals(List.of("score_ieg missing (used 8.4)"), row.warnings().stream().map(FeatureWarning::shortText)
                .toList());
        assertEquals(List.of(new ReasonCount("score_ieg missing, the training's stand-in used", "score_ieg", 1)),
                score.summary().warnings());
    }

    @Test
    void aLongSheetGoesToTheModelInChunksAndStreamsInOrder() {
        List<StudentRow> rows = new ArrayList<>();
        for (int i = 0; i < 1203; i++) {
            rows.add(row(i + 2, "RA-" + i, "score_ipv", i == 700 ? null : 5.0));
        }
        List<Integer> lines = new ArrayList<>();
        Fixture.CountingPredictor counting = fx.predictor;
        ScoreSheet.SheetScore score = new ScoreSheet(counting, fx.clock).execute(new ScoreSheet.Command(
                new InMemoryRowSource("big.csv", "canonical names", rows), new Threshold(0.4), OnError.SKIP,
                MissingValues.REFUSE), r -> lines.add(r.line()));

        assertEquals(List.of(500, 500, 202), counting.batchSizes);
        assertEquals(1202, score.scored());
        assertEquals(List.of(), score.rows(), "rows went to the consumer");
        assertEquals(rows.stream().map(StudentRow::line).toList(), lines);
        assertEquals(0.4, score.threshold().value());
    }
}
