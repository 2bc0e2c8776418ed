package org.magicsteps.model.data;

import java.util.List;

/** The cells of a sheet, row by row, whatever the file format. */
interface RawRows extends AutoCloseable {

    /** One row: its line number and its cells (String, BigDecimal or {@code null}), by column. */
    record Raw(int line, List<Object> cells) {

        Object cell(int column) {
            return column < cells.size() ? cells.get(column) : null;
        }

        boolean isBlank() {
            return cells.stream().allMatch(c -> c == null || c instanceof String s && s.isBlank());
        }
    }

    /** The header row's cells, as text. */
    List<String> header();

    /** The next row, or {@code null} after the last. */
    Raw next();

    @Override
    void close();
}
