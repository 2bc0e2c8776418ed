package org.magicsteps.core.port;

import java.util.stream.Stream;

import org.magicsteps.core.domain.StudentRow;

/**
 * The rows of one sheet of students (a PEDE spreadsheet, an upload), in canonical feature names,
 * whatever layout the sheet had. Rows are read lazily and once, so that a sheet of any size is
 * scored without holding it; close it to release the file.
 */
public interface RowSource extends AutoCloseable {

    /** Where the rows come from, for messages: the file as given. */
    String source();

    /** The layout the reader recognised, for people: {@code PEDE 2023}, {@code canonical names}. */
    String layout();

    /**
     * The rows in sheet order, read as the stream is consumed.
     *
     * @throws IllegalStateException when called a second time
     * @throws PortException (while streaming) when the source turns out to be unreadable
     */
    Stream<StudentRow> students();

    @Override
    void close();
}
