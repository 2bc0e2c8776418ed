package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.testing.Students;

class FeatureJsonTest {

    private static StudentFeatures roundTrip(StudentFeatures features) {
        List<String> names = FeatureJson.readLayout(FeatureJson.layout(FeatureJson.names(features)));
        return FeatureJson.read(names, FeatureJson.values(features));
    }

    @Test
    void numbersStayNumbersAndWordsStayWordsInTheirOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("turma", "007");
        values.put("fase", 3);
        values.put("score_inde", 7.123456789012345);
        values.put("tiny", 1e-300);
        values.put("huge", 1e300);
        values.put("big_whole", 9007199254740993.0);
        values.put("defasagem", -0.0);
        values.put("nota", -12);
        values.put("pedra_modal", "Topázio \"a\" \\ b");
        StudentFeatures features = new StudentFeatures(values);

        StudentFeatures read = roundTrip(features);

        assertEquals(features, read);
        assertEquals("007", read.values().get("turma"));
        assertEquals(3.0, read.values().get("fase"));
        assertEquals(-0.0, read.values().get("defasagem"));
        assertEquals(List.of("turma", "fase", "score_inde", "tiny", "huge", "big_whole", "defasagem", "nota",
                "pedra_modal"), new ArrayList<>(read.values().keySet()));
    }

    @Test
    void theEighteenFeaturesRoundTripInAboutAQuarterOfTheirObjectSize() {
        StudentFeatures student = Students.student();

        assertEquals(student, roundTrip(student));
        String values = FeatureJson.values(student);
        assertEquals('[', values.charAt(0));
        assertEquals(false, values.contains("3.0"), "whole numbers without a fraction: " + values);
    }

    @Test
    void schemaOnesObjectsAreRead() {
        StudentFeatures read = FeatureJson.readObject("{\"turma\":\"007\",\"fase\":3.0,\"score_inde\":7.25}");

        assertEquals(List.of("turma", "fase", "score_inde"), new ArrayList<>(read.values().keySet()));
        assertEquals(3.0, read.values().get("fase"));
    }

    @Test
    void textThatIsNotWhatWasWrittenIsRefused() {
        List<String> names = List.of("a", "b");
        for (String bad : List.of("{\"a\":1}", "[1,true]", "[1,[2]]", "[1,null]", "[1,2", "[1] [2]", "[1]", "[1,2,3]")) {
            assertThrows(IllegalArgumentException.class, () -> FeatureJson.read(names, bad), bad);
        }
        for (String bad : List.of("{\"a\":true}", "[1,2]", "{\"a\":{\"b\":1}}", "{\"a\":null}", "{\"a\":1", "{} {}")) {
            assertThrows(IllegalArgumentException.class, () -> FeatureJson.readObject(bad), bad);
        }
        for (String bad : List.of("[1]", "{\"a\":1}", "[\"a\"", "[\"a\"] 1")) {
            assertThrows(IllegalArgumentException.class, () -> FeatureJson.readLayout(bad), bad);
        }
    }
}
