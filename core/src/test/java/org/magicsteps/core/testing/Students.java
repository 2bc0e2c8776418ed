package org.magicsteps.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;

/** Test data: the 18 features of the original service, a valid student, a simple predictor. */
public final class Students {

    private Students() {
    }

    /** The original service's 18 features with the bounds of its README's table. */
    public static FeatureSchema originalSchema() {
        return new FeatureSchema(List.of(
                FeatureSpec.integer("fase", "phase of the programme", 0, 7),
                FeatureSpec.integer("idade", "age in 2022", 7, 21),
                FeatureSpec.integer("ano_ingresso", "year the student joined", 2016, 2022),
                FeatureSpec.decimal("score_inde", "development index", 3.0, 9.5),
                FeatureSpec.decimal("score_iaa", "self-assessment", 0, 10),
                FeatureSpec.decimal("score_ieg", "engagement", 0, 10),
                FeatureSpec.decimal("score_ips", "psychosocial", 2.5, 10),
                FeatureSpec.decimal("score_ida", "learning", 0, 9.9),
                FeatureSpec.decimal("score_ipv", "turning point", 2.5, 10),
                FeatureSpec.decimal("score_ian", "adequacy of level", 2.5, 10),
                FeatureSpec.integer("nota_cg", "general ranking", 1, 862),
                FeatureSpec.integer("nota_cf", "ranking within phase", 1, 192),
                FeatureSpec.integer("nota_ct", "ranking within class", 1, 18),
                FeatureSpec.integer("num_avaliacoes", "number of assessments", 2, 4),
                FeatureSpec.integer("defasagem", "phase gap", -5, 2),
                FeatureSpec.categorical("turma", "class letter", List.of("a", "b", "c", "d")).acceptingUnknownCategories(),
                FeatureSpec.categorical("genero", "gender", List.of("menina", "menino")),
                FeatureSpec.categorical("pedra_modal", "most frequent stone",
                        List.of("ametista", "quartzo", "topázio", "ágata"))));
    }

    /**
     * The original's 18 features with wide, plausible PEDE ranges (Portuguese descriptions): the
     * schema of the stand-in models the adapters' tests serve.
     */
    public static FeatureSchema permissiveSchema() {
        return new FeatureSchema(List.of(
                FeatureSpec.integer("fase", "Fase do programa", 0, 8),
                FeatureSpec.integer("idade", "Idade do aluno", 5, 30),
                FeatureSpec.integer("ano_ingresso", "Ano de ingresso", 2010, 2030),
                FeatureSpec.decimal("score_inde", "Índice do Desenvolvimento Educacional", 0, 10),
                FeatureSpec.decimal("score_iaa", "Autoavaliação", 0, 10),
                FeatureSpec.decimal("score_ieg", "Engajamento", 0, 10),
                FeatureSpec.decimal("score_ips", "Psicossocial", 0, 10),
                FeatureSpec.decimal("score_ida", "Aprendizagem", 0, 10),
                FeatureSpec.decimal("score_ipv", "Ponto de Virada", 0, 10),
                FeatureSpec.decimal("score_ian", "Adequação de nível", 0, 10),
                FeatureSpec.integer("nota_cg", "Nota CG", 0, 1000),
                FeatureSpec.integer("nota_cf", "Nota CF", 0, 1000),
                FeatureSpec.integer("nota_ct", "Nota CT", 0, 1000),
                FeatureSpec.integer("num_avaliacoes", "Número de avaliações", 0, 10),
                FeatureSpec.integer("defasagem", "Defasagem", -5, 5),
                FeatureSpec.categorical("turma", "Turma", List.of("a", "b", "c", "d")).acceptingUnknownCategories(),
                FeatureSpec.categorical("genero", "Gênero", List.of("menina", "menino")),
                FeatureSpec.categorical("pedra_modal", "Pedra", List.of("quartzo", "ágata", "ametista", "topázio"))));
    }

    /** A valid student of {@link #originalSchema()}, as raw values. */
    public static Map<String, Object> rawStudent() {
        return new java.util.LinkedHashMap<>(student().values());
    }

    /** A valid student of {@link #originalSchema()}. */
    public static StudentFeatures student() {
        return StudentFeatures.builder()
                .fase(3).idade(12).anoIngresso(2020)
                .scoreInde(7.1).scoreIaa(8.0).scoreIeg(7.5).scoreIps(6.9).scoreIda(6.2).scoreIpv(7.3).scoreIan(5.0)
                .notaCg(300).notaCf(40).notaCt(6).numAvaliacoes(3).defasagem(-1)
                .turma("B").genero("Menina").pedraModal("Ametista")
                .build();
    }

    /** A predictor whose probability is score_ipv / 10: easy to steer in tests. */
    public static FunctionPredictor predictor() {
        ModelInfo info = new ModelInfo("test-model", "1.0.0", "Function", 18, 0, new Threshold(0.5),
                Instant.parse("2026-01-01T00:00:00Z"), Map.of());
        return new FunctionPredictor(info, originalSchema(), s -> s.number("score_ipv").orElseThrow() / 10.0);
    }

    /** A log record of {@code user} for {@code studentId} at {@code at}. */
    public static PredictionRecord record(String id, String user, String studentId, Instant at, String batchId) {
        Prediction prediction = Prediction.of(id, studentId, 0.73, new Threshold(0.5), "1.0.0", at);
        return new PredictionRecord(prediction, user, student(), batchId);
    }
}
