package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.HeldOutEvaluation;

/** {@code held-out.json}: written and read back unchanged; a wrong document refused at its path. */
class HeldOutJsonTest {

    @Test
    void writtenAndReadBack() {
        HeldOutEvaluation evaluation = HeldOutEvaluation.of("four students", new boolean[] {true, false, true, false},
                new double[] {0.8, 0.6, 0.6, 0.1});

        assertEquals(evaluation, HeldOutJson.read(HeldOutJson.write(evaluation)));
    }

    @Test
    void aWrongDocumentIsRefusedNamingWhere() {
        assertEquals("operating_points[1].true_positives: is missing", refusal("""
                {"split": "s", "students": 3, "positives": 1, "operating_points": [
                  {"threshold": 0.9, "flagged": 1, "true_positives": 1}, {"threshold": 0.5, "flagged": 2}]}"""));
        assertEquals("operating_points[0]: an operating point needs 0 <= true positives (2) <= flagged (1)", refusal("""
                {"split": "s", "students": 3, "positives": 1, "operating_points": [
                  {"threshold": 0.9, "flagged": 1, "true_positives": 2}]}"""));
        assertEquals("students: must be a whole number", refusal("""
                {"split": "s", "students": "many", "positives": 1, "operating_points": []}"""));
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> HeldOutJson.read(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
