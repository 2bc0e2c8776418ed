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

    @Test
    void numbersStayNumbersAndWordsStayWordsInTheirOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("turma", "007");
        values.put("fase", 3);
        values.put("score_inde", 7.123456789012345);
        values.put("tiny", 1e-300);
        values.put("defasagem", -0.0);
        values.put("pedra_modal", "Topázio");
        StudentFeatures features = new StudentFeatures(values);

        StudentFeatures read = FeatureJson.read(FeatureJson.write(features));

        assertEquals(features, read);
        assertEquals("007", read.values().get("turma"));
        assertEquals(3.0, read.values().get("fase"));
        assertEquals(List.of("turma", "fase", "score_inde", "tiny", "defasagem", "pedra_modal"),
                new ArrayList<>(read.values().keySet()));
    }

    @Test
    void theEighteenFeaturesRoundTrip() {
        assertEquals(Students.student(), FeatureJson.read(FeatureJson.write(Students.student())));
    }

    @Test
    void textThatIsNotAnObjectOfNumbersAndWordsIsRefused() {
        for (String bad : List.of("[1,2]", "{\"a\":true}", "{\"a\":{\"b\":1}}", "{\"a\":null}", "{\"a\":1", "{} {}")) {
            assertThrows(IllegalArgumentException.class, () -> FeatureJson.read(bad), bad);
        }
    }
}
