package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.testing.Students;

class PedeDomainTest {

    private final PedeDomain domain = PedeDomain.of(2024);
    private final FeatureSchema original = Students.originalSchema();
    private final FeatureSchema widened = domain.widen(original);

    private List<String> problems(FeatureSchema schema, String feature, Object value) {
        Map<String, Object> raw = Students.rawStudent();
        raw.put(feature, value);
        return schema.parse(raw).violations().stream().map(Violation::message).toList();
    }

    @Test
    void theDomainsBoundsAreAcceptedWhateverTheTrainingSampleHeld() {
        assertEquals(List.of("ano_ingresso: 2023 is above the maximum 2022"), problems(original, "ano_ingresso", 2023));
        for (Object[] accepted : new Object[][] {{"ano_ingresso", 2024}, {"ano_ingresso", 2000}, {"fase", 9},
            {"fase", 0}, {"idade", 4}, {"idade", 30}, {"num_avaliacoes", 0}, {"num_avaliacoes", 10},
            {"score_inde", 0.0}, {"score_inde", 10.0}, {"score_ips", 0.0}, {"nota_cg", 1013}, {"defasagem", -9}}) {
            assertEquals(List.of(), problems(widened, (String) accepted[0], accepted[1]), accepted[0] + "=" + accepted[1]);
        }
    }

    @Test
    void beyondTheDomainIsStillRefusedAndNothingAcceptedBeforeIsRefusedNow() {
        assertEquals(List.of("ano_ingresso: 2025 is above the maximum 2024"), problems(widened, "ano_ingresso", 2025));
        assertEquals(List.of("fase: 10 is above the maximum 9"), problems(widened, "fase", 10));
        assertEquals(List.of("idade: 3 is below the minimum 4"), problems(widened, "idade", 3));
        assertEquals(List.of("score_iaa: 10.2 is above the maximum 10"), problems(widened, "score_iaa", 10.2));
        assertEquals(List.of("nota_cg: 0 is below the minimum 1"), problems(widened, "nota_cg", 0));
        FeatureSchema wide = new FeatureSchema(List.of(FeatureSpec.integer("nota_cg", "", 0, 5000),
                FeatureSpec.integer("custom", "", 0, 1)));
        FeatureSchema kept = domain.widen(wide);
        assertEquals(0.0, kept.feature("nota_cg").orElseThrow().minimum(), "a wider bound stays");
        assertEquals(null, kept.feature("nota_cg").orElseThrow().maximum(), "rankings have no upper bound");
        assertEquals(1.0, kept.feature("custom").orElseThrow().maximum(), "a feature the domain does not know is kept");
        assertTrue(widened.feature("genero").orElseThrow().categories().containsAll(List.of("menina", "menino")));
    }

    @Test
    void floatingNoiseJustOutsideABoundIsTheBound() {
        assertEquals(10.0, domain.withoutNoise("score_iaa", 10.002));
        assertEquals(10.0, domain.withoutNoise("score_ipv", 10.01));
        assertEquals(0.0, domain.withoutNoise("score_ida", -0.04));
        assertEquals(10.2, domain.withoutNoise("score_iaa", 10.2), "further out is left to validation");
        assertEquals(7.5, domain.withoutNoise("score_iaa", 7.5));
        assertEquals(10.02, domain.withoutNoise("custom", 10.02));
        assertThrows(IllegalArgumentException.class, () -> PedeDomain.of(1999));
    }
}
