package org.magicsteps.model.training;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.magicsteps.core.domain.FeatureSpec;

/**
 * The 18 features the original Python API accepted, in its order, with the bounds its README's
 * feature table states (its {@code preprocessor.json}'s {@code api_min}/{@code api_max}) and the
 * categories its encoder knew. A trained bundle starts from these as its validation rules and
 * widens a bound only where the training sheet holds a value outside it.
 */
final class OriginalFeatures {

    static final List<String> TURMA_LETTERS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
            "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "y", "z");

    static final List<FeatureSpec> SPECS = List.of(
            FeatureSpec.integer("fase", "Phase of the programme (0 for ALFA)", 0, 7),
            FeatureSpec.integer("idade", "Age in years", 7, 21),
            FeatureSpec.integer("ano_ingresso", "Year the student joined the programme", 2016, 2022),
            FeatureSpec.decimal("score_inde", "INDE, the educational development index (a weighted mean of the "
                    + "indicators, IPV included)", 3.0, 9.5),
            FeatureSpec.decimal("score_iaa", "IAA, self-assessment indicator", 0, 10),
            FeatureSpec.decimal("score_ieg", "IEG, engagement indicator", 0, 10),
            FeatureSpec.decimal("score_ips", "IPS, psychosocial indicator", 2.5, 10),
            FeatureSpec.decimal("score_ida", "IDA, learning indicator", 0, 9.9),
            FeatureSpec.decimal("score_ipv", "IPV, turning-point indicator", 2.5, 10),
            FeatureSpec.decimal("score_ian", "IAN, adequacy-of-level indicator", 2.5, 10),
            FeatureSpec.integer("nota_cg", "General ranking (Cg)", 1, 862),
            FeatureSpec.integer("nota_cf", "Ranking within the phase (Cf)", 1, 192),
            FeatureSpec.integer("nota_ct", "Ranking within the class (Ct)", 1, 18),
            FeatureSpec.integer("num_avaliacoes", "Number of assessments this year", 2, 4),
            FeatureSpec.integer("defasagem", "Phase gap: actual phase minus ideal phase", -5, 2),
            FeatureSpec.categorical("turma", "Class letter; letters change every year, so unknown letters are accepted",
                    TURMA_LETTERS).acceptingUnknownCategories(),
            FeatureSpec.categorical("genero", "Gender: menina or menino", List.of("menina", "menino")),
            FeatureSpec.categorical("pedra_modal", "Most frequent 'pedra' (stone) level of 2020–2022",
                    List.of("ametista", "quartzo", "topázio", "ágata")));

    static final List<String> NAMES = SPECS.stream().map(FeatureSpec::name).toList();

    /** The stones the PEDE methodology gives, lower-cased. */
    static final List<String> STONES = List.of("ametista", "quartzo", "topázio", "ágata");

    /**
     * Features the original API did not accept, known before this year's assessment: the stones
     * of the earlier years ({@code Pedra 21} and {@code Pedra 20} in the 2022 sheet). A bundle reads
     * them only when trained with {@code --include}; they are always optional, and a student new
     * this year has none (the one-hot columns are then all zero, which the model learns as "no
     * earlier stone": 45 % of the 2022 students). They come from earlier years' INDEs, so they
     * carry earlier IPVs, not this year's.
     */
    static final List<FeatureSpec> EARLIER_YEARS = List.of(
            FeatureSpec.categorical("pedra_ano_anterior", "The 'pedra' (stone) of the year before, a band of that "
                    + "year's INDE (Pedra 21 in the 2022 sheet); absent for a student new this year", STONES).optional(),
            FeatureSpec.categorical("pedra_dois_anos_antes", "The 'pedra' (stone) of two years before (Pedra 20 in the "
                    + "2022 sheet); absent for a student who joined since", STONES).optional());

    static final List<String> EARLIER_YEAR_NAMES = EARLIER_YEARS.stream().map(FeatureSpec::name).toList();

    /**
     * Which features the PEDE methodology computes from which: INDE is a weighted mean of the
     * indicators (IAN, IDA, IEG, IAA, IPS, IPP and IPV); Cg, Cf and Ct rank the students by INDE
     * (in the 2022 sheet Cg is exactly the rank of INDE, Spearman −1); the Pedra is a band of that
     * year's INDE (Quartzo below 6, Ágata 6–7, Ametista 7–8, Topázio above 8 in 2022).
     */
    static final Map<String, List<String>> COMPUTED_FROM = Map.of(
            "score_inde", List.of("score_ian", "score_ida", "score_ieg", "score_iaa", "score_ips", "score_ipv"),
            "nota_cg", List.of("score_inde"),
            "nota_cf", List.of("score_inde"),
            "nota_ct", List.of("score_inde"),
            "pedra_modal", List.of("score_inde"));

    /** Why each feature of {@link #COMPUTED_FROM} carries its sources, for people. */
    static final Map<String, String> DERIVATIONS = Map.of(
            "score_inde", "INDE is a weighted mean of the PEDE indicators, IPV among them",
            "nota_cg", "Cg ranks all students by INDE",
            "nota_cf", "Cf ranks the students of a phase by INDE",
            "nota_ct", "Ct ranks the students of a class by INDE",
            "pedra_modal", "the Pedra is a band of the year's INDE, so pedra_modal follows INDE 22 and earlier INDEs");

    /** The features computed, directly or through others, from {@code source}, in the original order. */
    static List<String> computedFrom(String source) {
        Set<String> found = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<String>> entry : COMPUTED_FROM.entrySet()) {
                boolean uses = entry.getValue().contains(source)
                        || entry.getValue().stream().anyMatch(found::contains);
                if (uses && found.add(entry.getKey())) {
                    grew = true;
                }
            }
        }
        return NAMES.stream().filter(found::contains).toList();
    }

    private OriginalFeatures() {
    }
}
