package org.magicsteps.model.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.port.RowSource;

/**
 * An open PEDE sheet whose header has been checked and whose layout is known. Its rows are read
 * lazily, once, on a thread of their own a little ahead of the consumer; blank rows are skipped. When rankings may be blank (2023 and later), a first pass
 * over the sheet ranks the INDE (see {@link Rankings}); nothing else is held. Close it to release
 * the file.
 */
public final class PedeSheet implements RowSource {

    private final String source;
    private final RawRows rows;
    private final Supplier<RawRows> reopen;
    private final SheetLayout layout;
    private final boolean rankFirst;
    private boolean consumed;
    private ReadAhead reader;

    PedeSheet(String source, RawRows rows, Supplier<RawRows> reopen, SheetLayout layout, boolean rankFirst) {
        this.source = source;
        this.rows = rows;
        this.reopen = reopen;
        this.layout = layout;
        this.rankFirst = rankFirst;
    }

    /** The file, as given. */
    @Override
    public String source() {
        return source;
    }

    /** The layout found: {@code PEDE 2023} (the year its headers name), or {@code canonical names}. */
    @Override
    public String layout() {
        return layout.name();
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
     * The rows, in order, read as the stream is consumed. A thread of their own reads and converts
     * the rows ahead of the consumer, a few batches at most, so that reading a large sheet and
     * scoring it use two cores; close the stream (or the sheet) to stop it early.
     *
     * @throws IllegalStateException when called a second time
     * @throws SheetException (while streaming) when the file turns out to be broken
     */
    public Stream<SheetRow> rows() {
        if (consumed) {
            throw new IllegalStateException("the rows of " + source + " were already read");
        }
        consumed = true;
        reader = new ReadAhead(this::readInto, "reading " + source);
        Iterator<SheetRow> iterator = new Iterator<>() {
            private Iterator<SheetRow> batch = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext()) {
                    List<SheetRow> next = reader.next();
                    if (next == null) {
                        return false;
                    }
                    batch = next.iterator();
                }
                return true;
            }

            @Override
            public SheetRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .onClose(reader::stop);
    }

    /** What the reading thread does: every row, converted, in batches. */
    private void readInto(java.util.function.Consumer<List<SheetRow>> batches) {
        Rankings rankings = rankFirst ? rankings() : null;
        List<SheetRow> batch = new java.util.ArrayList<>(ReadAhead.BATCH);
        try {
            for (RawRows.Raw raw = nextRow(rows); raw != null; raw = nextRow(rows)) {
                batch.add(rankings == null ? layout.row(raw) : layout.row(raw, rankings.of(raw.line())));
                if (batch.size() == ReadAhead.BATCH) {
                    batches.accept(batch);
                    batch = new java.util.ArrayList<>(ReadAhead.BATCH);
                }
            }
        } catch (SheetException e) {
            // The rows before a broken one still reach the consumer, then the failure.
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
            throw e;
        }
        if (!batch.isEmpty()) {
            batches.accept(batch);
        }
    }

    /** The rows as the core's use cases read them. */
    @Override
    public Stream<StudentRow> students() {
        return rows().map(SheetRow::student);
    }

    /** Every row, read now. */
    public List<SheetRow> readAll() {
        return rows().toList();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.stop();
        }
        rows.close();
    }

    /** A first pass: the INDE, phase and class of every row, ranked for the rows that lack a ranking. */
    private Rankings rankings() {
        Rankings.Builder builder = new Rankings.Builder();
        try (RawRows first = reopen.get()) {
            for (RawRows.Raw raw = nextRow(first); raw != null; raw = nextRow(first)) {
                layout.addRankingInputs(raw, builder);
            }
        }
        Rankings rankings = builder.build();
        return rankings.isEmpty() ? null : rankings;
    }

    private static RawRows.Raw nextRow(RawRows rows) {
        RawRows.Raw raw;
        do {
            raw = rows.next();
        } while (raw != null && raw.isBlank());
        return raw;
    }
}
