package org.magicsteps.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;

/**
 * A stand-in for the model module, which this branch does not have: the original's 18 features
 * with plausible PEDE ranges, and p = score_inde / 10.
 */
final class CliTestModel {

    static final FeatureSchema SCHEMA = new FeatureSchema(List.of(
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

    private CliTestModel() {
    }

    static FunctionPredictor predictor() {
        return new FunctionPredictor(
                new ModelInfo("cli-test-model", "cli-1", "FunctionPredictor", 18, 0, new Threshold(0.5),
                        Instant.parse("2024-05-01T00:00:00Z"), Map.of()),
                SCHEMA, s -> s.number("score_inde").orElseThrow() / 10.0);
    }
}
