package org.magicsteps.model.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.Transform;

/** The sentences staff read, in Portuguese with a decimal comma. */
class ReasonsTest {

    private static final FeatureDefinition IPV = new FeatureDefinition(FeatureSpec.decimal("score_ipv", "IPV", 2.5, 10),
            new Transform.Standard(7.8, 1), 7.4, null);
    private static final FeatureDefinition STONE = new FeatureDefinition(
            FeatureSpec.categorical("pedra_modal", "stone", List.of("ametista", "quartzo", "topázio", "ágata")),
            new Transform.OneHot(List.of("ametista", "quartzo")), null, null, "quartzo");

    @Test
    void numbersAreWrittenAsInBrazil() {
        assertEquals("7,3", Reasons.decimal(7.3));
        assertEquals("7,25", Reasons.decimal(7.25));
        assertEquals("350", Reasons.decimal(350));
        assertEquals("-1", Reasons.decimal(-1));
        assertEquals("0,5", Reasons.decimal(0.499999));
        assertEquals("0", Reasons.decimal(-0.001));
        assertEquals("2019,88", Reasons.decimal(2019.875));
    }

    @Test
    void aNumberIsComparedWithItsTypicalValue() {
        assertEquals("IPV 7,3 abaixo do típico (7,8): reduz a chance", Reasons.of(IPV, 7.3, 7.8, -0.42));
        assertEquals("IPV 8,6 acima do típico (7,8): aumenta a chance", Reasons.of(IPV, 8.6, 7.8, 0.8));
        assertEquals("IPV 7,8 igual ao típico (7,8): quase não muda a chance", Reasons.of(IPV, 7.8, 7.8, 0.0));
        assertEquals("IPV 7,8 perto do típico (7,8): quase não muda a chance", Reasons.of(IPV, 7.801, 7.8, 0.001));
        assertEquals("IPV sem valor (o modelo usa 7,4): reduz a chance", Reasons.of(IPV, null, 7.8, -0.3));
    }

    @Test
    void withoutALinearModelTheTypicalValueStandsBesideWithoutASide() {
        assertEquals("IPV 7,55 (típico 7,8): reduz a chance", Reasons.besideTypical(IPV, 7.55, 7.8, -2.1));
        assertEquals("IPV 8,6 (típico 7,8): aumenta a chance", Reasons.besideTypical(IPV, 8.6, 7.8, 3.0));
        assertEquals("IPV sem valor (o modelo usa 7,4): reduz a chance", Reasons.besideTypical(IPV, null, 7.8, -0.3));
        assertEquals("Pedra Ametista: aumenta a chance", Reasons.besideTypical(STONE, "ametista", null, 0.5));
    }

    @Test
    void wordsAreWrittenAsPeopleWriteThem() {
        assertEquals("Pedra Ametista: aumenta a chance", Reasons.of(STONE, "ametista", null, 0.5));
        assertEquals("Pedra Ágata (desconhecida no treino): reduz a chance", Reasons.of(STONE, "ágata", null, -0.2));
        assertEquals("Pedra sem valor (o modelo usa Quartzo): reduz a chance", Reasons.of(STONE, null, null, -0.2));
    }
}
