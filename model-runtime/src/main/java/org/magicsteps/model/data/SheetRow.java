package org.magicsteps.model.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Violation;

/**
 * One student's row of a PEDE sheet, in canonical names, not yet validated: pass
 * {@link #features()} to a model's {@code FeatureSchema.parse}.
 *
 * @param line the row's number as a spreadsheet shows it (the header is line 1); for a CSV file
 *     the line on which the record starts
 * @param studentId the {@code student_id} or {@code RA} cell, trimmed; {@code null} when the
 *     sheet has no such column or the cell is blank
 * @param features the cells of the model's features by canonical name, as read (text from a CSV
 *     file, numbers or text from a workbook) with every year's codes made one (phases, classes,
 *     genders, stones, dates, decimal commas; see the package's description); blank cells, error
 *     cells and placeholders are left out; {@code pedra_modal} is the mode of the year's stones
 *     when the sheet has no {@code pedra_modal} column; rankings left blank are recomputed
 * @param target whether the student reached the Ponto de Virada ({@code Atingiu PV}), when the
 *     reader was asked for it and the cell is valid; else {@code null}
 * @param problems what the reader itself could not read in this row (such as an {@code Atingiu PV}
 *     that is neither {@code Sim} nor {@code Não}); the features' own rules are the schema's
 */
public record SheetRow(int line, String studentId, Map<String, Object> features, Boolean target,
        List<Violation> problems) {

    public SheetRow {
        Objects.requireNonNull(features, "features");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        problems = List.copyOf(problems);
    }

    public Optional<String> id() {
        return Optional.ofNullable(studentId);
    }

    /** The row as the core's use cases read it (without the target). */
    public StudentRow student() {
        return new StudentRow(line, studentId, features, problems);
    }
}
