package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.usecase.OnError;
import org.magicsteps.core.usecase.ScoreSheet;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;

/**
 * 2022 is scored as before the reader learnt every year: each committed bundle gives the shared
 * {@code pede2022.xlsx} the probabilities it gave then. They were computed without the change (main
 * at 6b48eaf, with these bundles: {@code magic-steps score --model NAME --input
 * ../shared/data/pede2022.xlsx}); what
 * is kept here is their fingerprint, not the students' probabilities: the count, the sum, the sum
 * weighted by row position (so that a reordering shows) and the sum of squares, within what the
 * 8 significant digits of that output allow, and the count of positive predictions.
 *
 * <p>Refreshed for the bundles retrained with cross-validated selection (models-2), from
 * {@code magic-steps score --model models/NAME --input ../shared/data/pede2022.xlsx} with those bundles.
 *
 * <p>A bundle that is retrained gets a new version and these figures no longer apply: the test
 * then fails naming the version, and the figures are refreshed with the command above.
 */
class SheetRegressionTest {

    @ParameterizedTest
    @CsvSource({
        "default, default-40ee31d632db, 90.39374978760107, 29279.6542822394, 81.26230182911102, 90",
        "early-warning, early-warning-8b065a0c4307, 92.2521178800706, 31726.218302716992, 60.640349342316036, 93",
        "early-warning-strict, early-warning-strict-000776538a77, 92.5309800854031, 32961.826590470206, "
            + "33.84839647685977, 152"})
    void everyBundledModelScoresThe2022SheetAsBefore(String name, String version, double sum, double weighted,
            double squares, int positives) {
        Path sheet = Shared.require("data/pede2022.xlsx");
        ModelBundle bundle = ModelBundle.load(Path.of(System.getProperty("magicsteps.repoRoot", ".."), "models", name));
        assertEquals(version, bundle.manifest().version(), "the bundle was retrained: refresh these figures");
        List<Double> probabilities = new ArrayList<>();
        int predictedPositive = 0;
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle);
                PedeSheet rows = PedeSheetReader.forSchema(predictor.schema()).open(sheet, null)) {
            ScoreSheet.SheetScore score = new ScoreSheet(predictor, Clock.systemUTC()).execute(
                    new ScoreSheet.Command(rows, null, OnError.FAIL, MissingValues.REFUSE));
            assertEquals("PEDE 2022", score.summary().layout());
            assertEquals(0, score.summary().rejected());
            for (RowResult row : score.rows()) {
                probabilities.add(row.prediction().probability());
                predictedPositive += row.prediction().predictedClass();
            }
        }
        assertEquals(688, probabilities.size());
        double s = 0;
        double w = 0;
        double q = 0;
        for (int i = 0; i < probabilities.size(); i++) {
            double p = probabilities.get(i);
            s += p;
            w += (i + 1) * p;
            q += p * p;
        }
        // The expected sums come from probabilities printed with 8 significant digits: each is off by
        // at most 5e-9 relative, so the sums by less than 688 * 5e-9 (and 688 times that, weighted).
        assertEquals(sum, s, 1e-5, "sum");
        assertEquals(weighted, w, 1e-3, "sum weighted by position");
        assertEquals(squares, q, 1e-5, "sum of squares");
        assertEquals(positives, predictedPositive, "positive predictions at the bundle's threshold");
    }
}
