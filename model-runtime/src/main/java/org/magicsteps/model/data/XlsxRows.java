package org.magicsteps.model.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * An XLSX workbook's rows, from the named sheet or the first one, streamed. The header is the
 * first row that is not blank; line numbers are the workbook's row numbers.
 */
final class XlsxRows implements RawRows {

    private final String source;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final List<String> header;

    XlsxRows(InputStream content, String source, String sheetName) {
        this.source = source;
        try {
            this.workbook = new ReadableWorkbook(content);
        } catch (IOException | RuntimeException e) {
            throw new SheetException(source + ": cannot be read as an XLSX workbook: " + e.getMessage(), e);
        }
        try {
            Sheet sheet = sheetName == null ? workbook.getFirstSheet() : workbook.findSheet(sheetName)
                    .orElseThrow(() -> new SheetException(source + ": has no sheet '" + sheetName + "'; its sheets are "
                            + workbook.getSheets().map(Sheet::getName).toList()));
            this.stream = sheet.openStream();
            this.rows = stream.iterator();
            List<String> first = null;
            while (first == null && rows.hasNext()) {
                Raw raw = raw(nextRow());
                if (!raw.isBlank()) {
                    first = raw.cells().stream().map(c -> c == null ? "" : text(c)).toList();
                }
            }
            if (first == null) {
                throw new SheetException(source + ": sheet '" + sheet.getName() + "' is empty; expected a header row");
            }
            this.header = first;
        } catch (IOException e) {
            closeQuietly();
            throw new SheetException(source + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Raw next() {
        return rows.hasNext() ? raw(nextRow()) : null;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        closeQuietly();
    }

    private Row nextRow() {
        try {
            return rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SheetException(source + ": broken workbook: " + e.getMessage(), e);
        }
    }

    private static Raw raw(Row row) {
        List<Object> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(value(row.getCell(i)));
        }
        return new Raw(row.getRowNum(), cells);
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getType()) {
            // An error code (#N/A, #DIV/0!) stands for a value the sheet could not compute: none.
            case EMPTY, ERROR -> null;
            case NUMBER -> cell.asNumber();
            case STRING -> cell.asString();
            // A formula's cached result or a boolean: text, which the schema judges.
            default -> cell.getRawValue() == null ? cell.getText() : cell.getRawValue();
        };
    }

    private static String text(Object cell) {
        return cell instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : cell.toString();
    }

    private void closeQuietly() {
        try {
            workbook.close();
        } catch (IOException e) {
            // Reading is over; a failure to release the zip leaves nothing to act on.
        }
    }
}
