package org.magicsteps.model.data;

import java.util.Iterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;

/**
 * Uploaded sheets read by {@link PedeSheetReader}, any PEDE year's layout, XLSX or CSV told apart
 * by their bytes. A file that is not such a sheet is the uploader's mistake, not a failing backing
 * service: where the reader throws a {@link SheetException} (a {@code PortException}, as a file on
 * the server's disk that cannot be read is), an upload is refused with a {@link ValidationException}
 * saying the same, located at {@value SheetUploads#LOCATION}.
 */
public final class PedeSheetUploads implements SheetUploads {

    @Override
    public RowSource open(byte[] content, String name, FeatureSchema schema) {
        try {
            return new Refusing(PedeSheetReader.forSchema(schema).open(content, name, null));
        } catch (SheetException e) {
            throw refused(e);
        }
    }

    private static ValidationException refused(SheetException e) {
        return new ValidationException(Violation.of(LOCATION, null, Violation.Kind.INVALID, e.getMessage()));
    }

    /** The sheet's rows, with a damaged part further in refused as the upload's fault. */
    private record Refusing(PedeSheet sheet) implements RowSource {

        @Override
        public String source() {
            return sheet.source();
        }

        @Override
        public String layout() {
            return sheet.layout();
        }

        @Override
        public Stream<StudentRow> students() {
            Stream<StudentRow> read = sheet.students();
            Iterator<StudentRow> rows = read.iterator();
            Iterator<StudentRow> refusing = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return rows.hasNext();
                    } catch (SheetException e) {
                        throw refused(e);
                    }
                }

                @Override
                public StudentRow next() {
                    try {
                        return rows.next();
                    } catch (SheetException e) {
                        throw refused(e);
                    }
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(refusing, 0), false).onClose(read::close);
        }

        @Override
        public void close() {
            sheet.close();
        }
    }
}
