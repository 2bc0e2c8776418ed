package org.magicsteps.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.memory.InMemoryRowSource;
import org.magicsteps.core.port.RowSource;
import org.magicsteps.core.port.SheetUploads;

/**
 * A stand-in for the PEDE sheet reader (which this module does not depend on): a CSV without
 * quotes, canonical feature names and {@code student_id} as headers, as the route tests write it.
 * Anything else is refused, as the real reader refuses what it cannot read.
 */
final class CsvSheetUploads implements SheetUploads {

    @Override
    public RowSource open(byte[] content, String name, FeatureSchema schema) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        String[] header = lines[0].strip().split(",");
        if (!List.of(header).contains("student_id")) {
            throw new ValidationException(Violation.of(LOCATION, null, Violation.Kind.INVALID,
                    name + ": is not a CSV with a student_id column"));
        }
        List<StudentRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].strip().split(",", -1);
            Map<String, Object> features = new LinkedHashMap<>();
            String id = null;
            for (int c = 0; c < header.length && c < cells.length; c++) {
                if (header[c].equals("student_id")) {
                    id = cells[c];
                } else if (!cells[c].isBlank()) {
                    features.put(header[c], cells[c]);
                }
            }
            rows.add(new StudentRow(i + 1, id, features, List.of()));
        }
        return new InMemoryRowSource(name, "test CSV", rows);
    }
}
