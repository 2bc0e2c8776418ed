package org.magicsteps.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One student's row of a sheet, in canonical feature names, read but not yet validated.
 *
 * @param line the row's line as a spreadsheet shows it (the header is line 1)
 * @param studentId the student's id, trimmed; {@code null} when the sheet has none for this row
 * @param features the cells of the model's features by canonical name, as read (numbers or text);
 *     blank cells are left out
 * @param problems what the reader itself could not read in this row; the features' own rules are
 *     the schema's
 */
public record StudentRow(int line, String studentId, Map<String, Object> features, List<Violation> problems) {

    public StudentRow {
        Objects.requireNonNull(features, "features");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
