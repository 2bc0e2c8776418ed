package org.magicsteps.model.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An open PEDE sheet whose header has been checked. Its rows are read lazily, once; blank rows
 * are skipped. Close it to release the file.
 */
public final class PedeSheet implements AutoCloseable {

    private final String source;
    private final RawRows rows;
    private final SheetLayout layout;
    private boolean consumed;

    PedeSheet(String source, RawRows rows, SheetLayout layout) {
        this.source = source;
        this.rows = rows;
        this.layout = layout;
    }

    /** The file, as given. */
    public String source() {
        return source;
    }

    /** The header row's cells, as written. */
    public List<String> header() {
        return rows.header();
    }

    /** Whether the sheet has a {@code student_id} or {@code RA} column. */
    public boolean hasStudentId() {
        return layout.hasStudentId();
    }

    /** The features that have a column in this sheet. */
    public Set<String> presentFeatures() {
        return layout.presentFeatures();
    }

    /**
     * The rows, in order, read as the stream is consumed.
     *
     * @throws IllegalStateException when called a second time
     * @throws SheetException (while streaming) when the file turns out to be broken
     */
    public Stream<SheetRow> rows() {
        if (consumed) {
            throw new IllegalStateException("the rows of " + source + " were already read");
        }
        consumed = true;
        Iterator<SheetRow> iterator = new Iterator<>() {
            private SheetRow next = advance();

            private SheetRow advance() {
                RawRows.Raw raw;
                do {
                    raw = rows.next();
                } while (raw != null && raw.isBlank());
                return raw == null ? null : layout.row(raw);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SheetRow next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                SheetRow current = next;
                next = advance();
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** Every row, read now. */
    public List<SheetRow> readAll() {
        return rows().toList();
    }

    @Override
    public void close() {
        rows.close();
    }
}
