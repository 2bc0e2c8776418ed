package org.magicsteps.model.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes small workbooks for tests: each row a list of cells (String, Number or null). */
public final class Sheets {

    private Sheets() {
    }

    /** A number shown as a date, as Excel shows the ages of the 2023 sheet ({@code 1900-01-08} for 8). */
    public record Dated(Number serial) {
    }

    /** An error cell ({@code #N/A}), written as the text Excel shows. */
    public static final String NA = "#N/A";

    /** Writes one sheet per name, each with the same rows; the first row is the header. */
    public static Path xlsx(Path file, List<String> sheetNames, List<List<Object>> rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "magic-steps-tests", "1.0");
            for (String name : sheetNames) {
                Worksheet sheet = workbook.newWorksheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    List<Object> row = rows.get(r);
                    for (int c = 0; c < row.size(); c++) {
                        Object cell = row.get(c);
                        if (cell instanceof Number n) {
                            sheet.value(r, c, n);
                        } else if (cell instanceof Dated d) {
                            sheet.value(r, c, d.serial());
                            sheet.style(r, c).format("yyyy-mm-dd").set();
                        } else if (cell != null) {
                            sheet.value(r, c, cell.toString());
                        }
                    }
                }
            }
            workbook.finish();
        }
        return file;
    }
}
