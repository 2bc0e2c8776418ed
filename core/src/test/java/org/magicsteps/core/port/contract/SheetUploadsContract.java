package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;

/** What every {@link SheetUploads} does with a plain CSV of canonical names, and with what is no sheet. */
public abstract class SheetUploadsContract {

    private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(
            FeatureSpec.decimal("score_ipv", "IPV", 0, 10)));

    protected abstract SheetUploads uploads();

    @Test
    void aCsvOfCanonicalNamesOpensToItsRowsInOrder() {
        byte[] csv = "student_id,score_ipv\nRA-1,7.5\nRA-2,9\n".getBytes(StandardCharsets.UTF_8);
        try (RowSource rows = uploads().open(csv, "turma.csv", SCHEMA)) {
            List<StudentRow> students = rows.students().toList();

            assertEquals("turma.csv", rows.source());
            assertEquals(List.of("RA-1", "RA-2"), students.stream().map(StudentRow::studentId).toList());
            assertEquals(9.0, Double.parseDouble(String.valueOf(students.get(1).features().get("score_ipv"))));
            assertTrue(students.get(1).line() > students.get(0).line());
        }
    }

    @Test
    void whatIsNoSheetIsRefusedAtSheetNamingTheFile() {
        ValidationException refused = assertThrows(ValidationException.class, () -> uploads().open(
                "reunião de pais na sexta".getBytes(StandardCharsets.UTF_8), "notas.txt", SCHEMA));

        assertEquals(List.of(SheetUploads.LOCATION), refused.violations().get(0).location());
        assertTrue(refused.violations().get(0).message().startsWith("notas.txt"), refused.violations().toString());
    }
}
