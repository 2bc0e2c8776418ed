package org.magicsteps.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.port.RowSource;

/** Rows held in memory, as an embedding application or a test has them. */
public final class InMemoryRowSource implements RowSource {

    private final String source;
    private final String layout;
    private final List<StudentRow> rows;
    private boolean read;

    public InMemoryRowSource(String source, String layout, List<StudentRow> rows) {
        this.source = Objects.requireNonNull(source, "source");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.rows = List.copyOf(rows);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String layout() {
        return layout;
    }

    @Override
    public synchronized Stream<StudentRow> students() {
        if (read) {
            throw new IllegalStateException("the rows of " + source + " were already read");
        }
        read = true;
        return rows.stream();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
