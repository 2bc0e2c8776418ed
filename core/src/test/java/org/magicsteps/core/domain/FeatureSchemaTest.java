package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.testing.Students;

class FeatureSchemaTest {

    private final FeatureSchema schema = Students.originalSchema();

    @Test
    void aValidStudentParses() {
        Validation<StudentFeatures> result = schema.parse(Students.rawStudent());

        assertTrue(result.isValid());
        assertEquals(Students.student(), result.value());
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_inde", 11.2);
        raw.put("idade", 3);
        raw.put("genero", "x");
        raw.remove("fase");
        raw.put("nota_cg", "muitos");

        Validation<StudentFeatures> result = schema.parse(raw);

        assertFalse(result.isValid());
        Map<String, Kind> byField = result.violations().stream()
                .collect(Collectors.toMap(Violation::field, Violation::kind));
        assertEquals(Map.of("score_inde", Kind.ABOVE_MAXIMUM, "idade", Kind.BELOW_MINIMUM, "genero", Kind.NOT_ALLOWED,
                "fase", Kind.MISSING, "nota_cg", Kind.NOT_A_NUMBER), byField);
        ValidationException thrown = assertThrows(ValidationException.class, result::orThrow);
        assertTrue(thrown.getMessage().contains("score_inde: 11.2 is above the maximum 9.5"));
    }

    @Test
    void numbersMayComeAsTextAndWordsAreNormalized() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("fase", " 3 ");
        raw.put("score_inde", "7.25");
        raw.put("genero", "  MENINA ");

        StudentFeatures parsed = schema.parse(raw).orThrow();

        assertEquals(3.0, parsed.number("fase").getAsDouble());
        assertEquals(7.25, parsed.number("score_inde").getAsDouble());
        assertEquals("menina", parsed.category("genero").orElseThrow());
    }

    @Test
    void textThatJavaWouldReadButPeopleWouldNotIsNotANumber() {
        for (String odd : List.of("7d", "NaN", "Infinity", "0x1p3", "7,5", "")) {
            Map<String, Object> raw = Students.rawStudent();
            raw.put("score_inde", odd);
            List<Violation> violations = schema.parse(raw).violations();
            assertEquals(1, violations.size(), odd);
            assertEquals(odd.isEmpty() ? Kind.MISSING : Kind.NOT_A_NUMBER, violations.get(0).kind(), odd);
        }
    }

    @Test
    void nullAndBlankCountAsAbsent() {
        Map<String, Object> raw = new HashMap<>(Students.rawStudent());
        raw.put("turma", "  ");
        raw.put("idade", null);

        Set<String> missing = schema.parse(raw).violations().stream()
                .filter(v -> v.kind() == Kind.MISSING).map(Violation::field).collect(Collectors.toSet());

        assertEquals(Set.of("turma", "idade"), missing);
    }

    @Test
    void anUnknownFeatureIsIgnoredAndNamedInAWarning() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("nome", "Aluno-1");

        Validation<StudentFeatures> parsed = schema.parse(raw);
        CheckedFeatures checked = schema.check(raw, MissingValues.REFUSE);

        assertTrue(parsed.isValid(), parsed.violations().toString());
        assertEquals(Students.student(), parsed.value(), "the unknown name is left out");
        assertEquals(List.of(new FeatureWarning("nome", "Aluno-1", null, FeatureWarning.Kind.UNKNOWN_FEATURE,
                "nome: is not a feature of this model; ignored")), checked.warnings());
    }

    @Test
    void aMisspeltRequiredFeatureIsStillCaughtAsMissing() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("score_ind", raw.remove("score_inde"));

        List<Violation> violations = schema.parse(raw).violations();

        assertEquals(1, violations.size(), violations.toString());
        assertEquals(Kind.MISSING, violations.get(0).kind());
        assertEquals("score_inde: is required but missing", violations.get(0).message());
    }

    @Test
    void aWrongTypeIsReportedOnceNotAlsoAsMissing() {
        Map<String, Object> raw = Students.rawStudent();
        raw.put("genero", 1);
        raw.put("fase", true);

        List<Violation> violations = schema.parse(raw).violations();

        assertEquals(2, violations.size());
        assertEquals(Set.of(Kind.NOT_TEXT, Kind.NOT_A_NUMBER),
                violations.stream().map(Violation::kind).collect(Collectors.toSet()));
    }

    @Test
    void checkValidatesBuiltFeatures() {
        StudentFeatures tooOld = StudentFeatures.builder().idade(40).build();

        List<Violation> violations = schema.check(tooOld);

        assertTrue(violations.stream().anyMatch(v -> v.message().equals("idade: 40 is above the maximum 21")));
        assertEquals(17, violations.stream().filter(v -> v.kind() == Kind.MISSING).count());
    }

    @Test
    void aSchemaRefusesRepeatedOrNoFeatures() {
        FeatureSpec fase = FeatureSpec.integer("fase", "", 0, 7);
        assertThrows(IllegalArgumentException.class, () -> new FeatureSchema(List.of(fase, fase)));
        assertThrows(IllegalArgumentException.class, () -> new FeatureSchema(List.of()));
    }

    @Test
    void namesKeepTheModelsOrder() {
        assertEquals("fase", schema.names().get(0));
        assertEquals("pedra_modal", schema.names().get(17));
        assertEquals(18, schema.names().size());
    }
}
