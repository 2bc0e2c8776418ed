package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureWarning.Kind;
import org.magicsteps.core.testing.Students;

/** Values accepted but never seen in training are flagged; missing ones may get the training's stand-in. */
class TrainedValuesTest {

    /** The original schema, accepting the PEDE domain, knowing what one year of training saw. */
    private static FeatureSchema trainedSchema() {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureSpec spec : PedeDomain.of(2024).widen(Students.originalSchema()).features()) {
            specs.add(switch (spec.name()) {
                case "ano_ingresso" -> spec.withTrained(TrainedValues.range(2016, 2022, 2021.0));
                case "score_ieg" -> spec.withTrained(TrainedValues.range(0, 10, 8.4));
                case "turma" -> spec.withTrained(TrainedValues.words(List.of("a", "b"), "a"));
                default -> spec;
            });
        }
        return new FeatureSchema(specs);
    }

    private final FeatureSchema schema = trainedSchema();

    @Test
    void aValueTheDomainAllowsButTrainingNeverSawIsAcceptedAndFlagged() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("ano_ingresso", 2023);
        raw.put("turma", "W");

        CheckedFeatures checked = schema.check(raw, MissingValues.REFUSE);

        assertTrue(checked.isAccepted(), checked.violations().toString());
        assertEquals(List.of(
                new FeatureWarning("ano_ingresso", 2023.0, "2016–2022", Kind.OUTSIDE_TRAINED_RANGE,
                        "ano_ingresso: 2023 is outside what the model saw in training (2016–2022)"),
                new FeatureWarning("turma", "w", "a, b", Kind.OUTSIDE_TRAINED_RANGE,
                        "turma: 'w' is outside what the model saw in training (a, b)")), checked.warnings());
        assertEquals("ano_ingresso=2023 (trained 2016–2022)", checked.warnings().get(0).shortText());
    }

    @Test
    void valuesWithinTrainingAndFeaturesOfUnknownTrainingAreNotFlagged() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("ano_ingresso", 2016);
        raw.put("fase", 7);

        assertEquals(List.of(), schema.check(raw, MissingValues.REFUSE).warnings());
    }

    @Test
    void aMissingRequiredValueIsRefusedUnlessStandInsAreAskedFor() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_ieg", null);
        raw.remove("score_ida");

        CheckedFeatures refused = schema.check(raw, MissingValues.REFUSE);
        assertFalse(refused.isAccepted());
        assertEquals(List.of("score_ieg: is required but missing", "score_ida: is required but missing"),
                refused.violations().stream().map(Violation::message).toList());

        CheckedFeatures stoodIn = schema.check(raw, MissingValues.STAND_IN);
        assertEquals(List.of("score_ida: is required but missing"),
                stoodIn.violations().stream().map(Violation::message).toList(), "score_ida has no stand-in");

        raw.put("score_ida", 6.2);
        CheckedFeatures scored = schema.check(raw, MissingValues.STAND_IN);
        assertTrue(scored.isAccepted());
        assertEquals(8.4, scored.features().number("score_ieg").orElseThrow());
        assertEquals(List.of(new FeatureWarning("score_ieg", 8.4, "0–10", Kind.STOOD_IN,
                "score_ieg: missing; scored with the training's stand-in 8.4")), scored.warnings());
    }

    @Test
    void trainedValuesAreARangeOrWordsWithAStandInOfTheirKind() {
        assertThrows(IllegalArgumentException.class, () -> TrainedValues.range(3, 2, null));
        assertThrows(IllegalArgumentException.class, () -> TrainedValues.words(List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> TrainedValues.range(0, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new TrainedValues(null, null, List.of("a"), 1.0));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.integer("fase", "", 0, 9)
                .withTrained(TrainedValues.words(List.of("a"), null)));
        assertEquals("menina", TrainedValues.words(List.of("Menina"), " Menina ").standIn());
        assertNull(TrainedValues.range(0, 1, null).standIn());
        assertEquals("0–7.5", TrainedValues.range(0, 7.5, null).text());
    }
}
