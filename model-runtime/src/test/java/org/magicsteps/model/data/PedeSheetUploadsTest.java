package org.magicsteps.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;
import org.magicsteps.core.port.contract.SheetUploadsContract;
import org.magicsteps.model.TestGraphs;

/** Uploaded bytes read as PEDE sheets; what cannot be read is the upload's fault, said at {@code sheet}. */
class PedeSheetUploadsTest extends SheetUploadsContract {

    private static final FeatureSchema SCHEMA = TestGraphs.pedeManifest("m", "1", 18).schema();
    private final SheetUploads uploads = new PedeSheetUploads();

    @Override
    protected SheetUploads uploads() {
        return uploads;
    }

    @TempDir
    Path dir;

    @Test
    void anXlsxOfThe2024LayoutIsReadFromItsBytes() throws Exception {
        Path file = Sheets.xlsx(dir.resolve("pede2024.xlsx"), List.of("PEDE2024"), PedeYears.sheet(2024, List.of(
                PedeYears.student(2024, "RA-1"), PedeYears.student(2024, "RA-2", "IPV", 9.2))));

        try (RowSource rows = uploads.open(Files.readAllBytes(file), "pede2024.xlsx", SCHEMA)) {
            List<StudentRow> students = rows.students().toList();
            assertEquals("pede2024.xlsx", rows.source());
            assertTrue(rows.layout().contains("2024"), rows.layout());
            assertEquals(List.of("RA-1", "RA-2"), students.stream().map(StudentRow::studentId).toList());
            assertEquals(9.2, ((Number) students.get(1).features().get("score_ipv")).doubleValue());
        }
    }

    @Test
    void whatIsNotASheetOrLacksColumnsIsRefusedAtSheetSayingWhy() {
        assertRefused("notes.csv: ", "hello\nworld\n".getBytes(StandardCharsets.UTF_8));
        assertRefused("old.xls: is an old binary .xls workbook", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11,
                (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0});
    }

    @Test
    void aDamagedWorkbookIsRefusedAtSheetWhetherOnOpeningOrWhileItsRowsStream() throws Exception {
        Path file = Sheets.xlsx(dir.resolve("cut.xlsx"), List.of("PEDE2024"), PedeYears.sheet(2024, List.of(
                PedeYears.student(2024, "RA-1"))));
        byte[] whole = Files.readAllBytes(file);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);

        ValidationException refused = assertThrows(ValidationException.class, () -> {
            try (RowSource rows = uploads.open(cut, "cut.xlsx", SCHEMA)) {
                rows.students().count();
            }
        });
        assertEquals(List.of(SheetUploads.LOCATION), refused.violations().get(0).location());
        assertTrue(refused.violations().get(0).message().startsWith("cut.xlsx"), refused.violations().toString());
    }

    private void assertRefused(String start, byte[] content) {
        String name = start.substring(0, start.indexOf(':'));
        ValidationException refused = assertThrows(ValidationException.class, () -> uploads.open(content, name, SCHEMA));
        Violation violation = refused.violations().get(0);
        assertEquals(List.of(SheetUploads.LOCATION), violation.location());
        assertTrue(violation.message().startsWith(start), violation.message());
    }
}
