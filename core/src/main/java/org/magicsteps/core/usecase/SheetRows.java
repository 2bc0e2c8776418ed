package org.magicsteps.core.usecase;

import java.util.List;
import java.util.OptionalDouble;

import org.magicsteps.core.domain.CheckedFeatures;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Violation;

/** What the runs over a sheet say about each row (the row itself is checked by {@link FeatureSchema#check(StudentRow, MissingValues)}). */
final class SheetRows {

    private SheetRows() {
    }

    /** A rejected row's result. */
    static RowResult rejected(StudentRow row, List<Violation> reasons) {
        return new RowResult(row.line(), row.studentId(), phase(row), className(row), null, List.of(), reasons);
    }

    /** An accepted row's result, not scored (yet). */
    static RowResult accepted(StudentRow row, CheckedFeatures checked) {
        OptionalDouble phase = checked.features().number("fase");
        return new RowResult(row.line(), row.studentId(),
                phase.isPresent() ? Integer.valueOf((int) phase.getAsDouble()) : phase(row),
                checked.features().category("turma").orElse(className(row)), null, checked.warnings(), List.of());
    }

    /** The phase as a whole number, if the row has a readable one. */
    static Integer phase(StudentRow row) {
        Object value = row.features().get("fase");
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                number = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return number == Math.rint(number) && Math.abs(number) < 1000 ? (int) number : null;
    }

    /** The class letter, lower-cased, if the row has one. */
    static String className(StudentRow row) {
        return row.features().get("turma") instanceof String s && !s.isBlank()
                ? s.trim().toLowerCase(java.util.Locale.ROOT) : null;
    }
}
