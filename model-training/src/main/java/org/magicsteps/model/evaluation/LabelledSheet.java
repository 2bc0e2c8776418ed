package org.magicsteps.model.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.codec.digest.DigestUtils;

import org.magicsteps.core.domain.CheckedFeatures;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.data.SheetRow;

/**
 * A PEDE sheet read with its {@code Atingiu PV} target: every row's features checked against a
 * schema, and the file's fingerprint. A row without a valid target is never dropped quietly: the
 * sheet is refused with the count and the line numbers. A row whose features break the schema is
 * refused the same way, or skipped and counted when the caller asks for that.
 *
 * @param file the file as given
 * @param fingerprint {@code sha256:} and the hex SHA-256 of the file's bytes
 * @param students the valid rows, in sheet order
 * @param skipped the rows left out because their features broke the schema (only when asked to skip)
 */
public record LabelledSheet(Path file, String fingerprint, List<Student> students, List<String> skipped) {

    /** How many offending lines a refusal lists before it says "and N more". */
    private static final int LISTED = 10;

    public LabelledSheet {
        students = List.copyOf(students);
        skipped = List.copyOf(skipped);
    }

    /**
     * One labelled student.
     *
     * @param line the row's line in the sheet
     * @param id the student id ({@code RA}), or {@code null}
     * @param features the features, valid for the schema the sheet was read with
     * @param reached whether the student reached the Ponto de Virada
     */
    public record Student(int line, String id, StudentFeatures features, boolean reached) {
    }

    /**
     * Reads {@code file} with the features of {@code schema} and the target.
     *
     * @param sheetName the workbook's sheet; {@code null} for the first; ignored for CSV
     * @param requiredColumns the features whose columns must be present (a missing column stops
     *     the read, naming every missing column)
     * @param skipInvalid whether a row whose features break the schema is skipped (and listed in
     *     {@link #skipped()}) rather than refused
     * @throws SheetException when the file cannot be read, a required column (or the target's) is
     *     missing, a row has no valid target, or (unless skipping) a row's features are invalid
     */
    public static LabelledSheet read(Path file, String sheetName, FeatureSchema schema, Set<String> requiredColumns,
            boolean skipInvalid) {
        Objects.requireNonNull(schema, "schema");
        PedeSheetReader reader = PedeSheetReader.forFeatures(schema.names(), requiredColumns).withTarget();
        List<Student> students = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int unlabelledCount = 0;
        int invalidCount = 0;
        try (PedeSheet sheet = reader.open(file, sheetName)) {
            for (SheetRow row : (Iterable<SheetRow>) sheet.rows()::iterator) {
                if (row.target() == null) {
                    unlabelledCount++;
                    if (unlabelled.size() < LISTED) {
                        unlabelled.add("line " + row.line() + (row.problems().isEmpty() ? ""
                                : " (" + row.problems().get(0).message() + ")"));
                    }
                    continue;
                }
                CheckedFeatures checked = schema.check(row.student(), MissingValues.REFUSE);
                if (!checked.isAccepted()) {
                    invalidCount++;
                    invalid.add("line " + row.line() + ": " + String.join("; ",
                            checked.violations().stream().map(Violation::message).toList()));
                    continue;
                }
                students.add(new Student(row.line(), row.studentId(), checked.features(), row.target()));
            }
        }
        if (unlabelledCount > 0) {
            throw new SheetException(file + ": " + unlabelledCount + (unlabelledCount == 1 ? " row has" : " rows have")
                    + " no valid Atingiu PV (Sim or Não): " + String.join(", ", unlabelled)
                    + more(unlabelledCount) + "; label them or remove them");
        }
        if (invalidCount > 0 && !skipInvalid) {
            throw new SheetException(file + ": " + invalidCount + (invalidCount == 1 ? " row has" : " rows have")
                    + " invalid features: " + String.join(" | ", invalid.subList(0, Math.min(LISTED, invalid.size())))
                    + more(invalidCount));
        }
        if (students.isEmpty()) {
            throw new SheetException(file + ": has no labelled rows");
        }
        return new LabelledSheet(file, fingerprint(file), students, skipInvalid ? invalid : List.of());
    }

    /** The targets, in row order. */
    public boolean[] targets() {
        boolean[] targets = new boolean[students.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = students.get(i).reached();
        }
        return targets;
    }

    /** How many students reached the Ponto de Virada. */
    public long positives() {
        return students.stream().filter(Student::reached).count();
    }

    private static String more(int count) {
        return count > LISTED ? " and " + (count - LISTED) + " more" : "";
    }

    /** {@code sha256:} and the hex SHA-256 of the file's content. */
    public static String fingerprint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return "sha256:" + DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw new SheetException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
