package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.LabelledSheet;
import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * Step 1 and 2 of training: the labelled sheet read and checked, the bundle's validation rules,
 * and the stratified split made before anything is fitted.
 *
 * @param sheet the sheet as read
 * @param specs the validation rules of every feature the bundle accepts, in model order
 * @param widened which validation bounds were widened beyond the original API's, and why
 * @param split the split, as row indices
 * @param train the rows models are fitted on
 * @param validation the rows every choice is made on
 * @param test the rows only the final evaluation reads
 */
record TrainingData(LabelledSheet sheet, List<FeatureSpec> specs, List<String> widened, StratifiedSplit split,
        List<Student> train, List<Student> validation, List<Student> test) {

    static final double VALIDATION_FRACTION = 0.2;
    static final double TEST_FRACTION = 0.2;
    /** Each class needs this many rows, so that every split and every fold holds some. */
    static final int MIN_CLASS_ROWS = 10;

    TrainingData {
        specs = List.copyOf(specs);
        widened = List.copyOf(widened);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Reads and splits the sheet of {@code options}.
     *
     * @throws org.magicsteps.model.data.SheetException when the sheet cannot be read, lacks a column,
     *     or has unlabelled or invalid rows
     * @throws SheetException when a class has fewer than {@value #MIN_CLASS_ROWS} rows
     */
    static TrainingData read(TrainingOptions options, Consumer<String> progress) {
        List<FeatureSpec> accepted = options.featureSpecs();
        LabelledSheet sheet = LabelledSheet.read(options.data(), options.sheet(), lenientSchema(accepted),
                requiredColumns(options), false);
        List<Student> all = sheet.students();
        long positives = sheet.positives();
        requireBothClasses(options.data(), positives, all.size() - positives);
        progress.accept(String.format(Locale.ROOT, "read %d labelled rows from %s: %d reached the Ponto de Virada "
                + "(%.1f %%)", all.size(), options.data().getFileName(), positives, 100.0 * positives / all.size()));
        List<String> widened = new ArrayList<>();
        List<FeatureSpec> specs = validationSpecs(accepted, all, options.exclude(), widened);
        widened.forEach(w -> progress.accept("validation bounds widened: " + w));
        StratifiedSplit split = StratifiedSplit.of(sheet.targets(), VALIDATION_FRACTION, TEST_FRACTION, options.seed());
        TrainingData data = new TrainingData(sheet, specs, widened, split, rows(all, split.train()),
                rows(all, split.validation()), rows(all, split.test()));
        progress.accept(String.format(Locale.ROOT, "split (seed %d): train %s, validation %s, test %s", options.seed(),
                counts(data.train()), counts(data.validation()), counts(data.test())));
        return data;
    }

    List<Student> all() {
        return sheet.students();
    }

    /** Train and validation together: what the shipped model is refitted on. */
    List<Student> refitRows() {
        List<Student> rows = new ArrayList<>(train);
        rows.addAll(validation);
        return List.copyOf(rows);
    }

    static List<Student> rows(List<Student> all, List<Integer> indices) {
        return indices.stream().map(all::get).toList();
    }

    static boolean[] targetsOf(List<Student> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).reached();
        }
        return y;
    }

    static long positivesOf(List<Student> rows) {
        return rows.stream().filter(Student::reached).count();
    }

    private static String counts(List<Student> rows) {
        return rows.size() + " (" + positivesOf(rows) + " reached)";
    }

    /**
     * The bundle's validation rules: the original API's bounds, widened where the sheet holds a
     * value outside them; categories the sheet adds are appended. A feature is required unless it
     * is excluded, optional by nature (an earlier year's stone), or some row lacks it (then serving
     * imputes it, as training did).
     */
    private static List<FeatureSpec> validationSpecs(List<FeatureSpec> accepted, List<Student> all, Set<String> excluded,
            List<String> widened) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureSpec original : accepted) {
            String name = original.name();
            boolean missingSomewhere = all.stream().anyMatch(s -> !s.features().has(name));
            boolean required = original.required() && !excluded.contains(name) && !missingSomewhere;
            String description = original.description() + (excluded.contains(name)
                    ? " (accepted but not read by this model: it was trained with --exclude " + name + ")" : "");
            if (original.type().isNumeric()) {
                double min = original.minimum();
                double max = original.maximum();
                for (Student s : all) {
                    var value = s.features().number(name);
                    if (value.isPresent()) {
                        min = Math.min(min, value.getAsDouble());
                        max = Math.max(max, value.getAsDouble());
                    }
                }
                if (min != original.minimum() || max != original.maximum()) {
                    widened.add(name + ": the original API's " + original.rangeText() + " widened to "
                            + FeatureSpec.decimal(name, "", min, max).rangeText() + " (the sheet holds values outside it)");
                }
                specs.add(new FeatureSpec(name, original.type(), description, min, max, List.of(), required, false));
            } else {
                Set<String> categories = new LinkedHashSet<>(original.categories());
                all.forEach(s -> s.features().category(name).ifPresent(categories::add));
                if (categories.size() > original.categories().size() && !original.acceptsUnknownCategory()) {
                    List<String> added = categories.stream().filter(c -> !original.categories().contains(c)).toList();
                    widened.add(name + ": categories " + added + " added to the original API's "
                            + original.categories() + " (the sheet holds them)");
                }
                specs.add(new FeatureSpec(name, FeatureType.CATEGORICAL, description, null, null,
                        List.copyOf(categories), required, original.acceptsUnknownCategory()));
            }
        }
        return specs;
    }

    /** Type checks only: the bounds are decided after reading (and widened where the data demand). */
    private static FeatureSchema lenientSchema(List<FeatureSpec> accepted) {
        return new FeatureSchema(accepted.stream().map(s -> new FeatureSpec(s.name(), s.type(),
                s.description(), null, null, s.categories(), false, !s.type().isNumeric())).toList());
    }

    /** The columns a sheet must have: every original feature the model reads (the included ones may be absent). */
    private static Set<String> requiredColumns(TrainingOptions options) {
        Set<String> required = new LinkedHashSet<>(OriginalFeatures.NAMES);
        required.removeAll(options.exclude());
        return required;
    }

    /** Too few of a class is a property of the sheet: an input problem, as a missing column is. */
    private static void requireBothClasses(java.nio.file.Path data, long positives, long negatives) {
        if (positives < MIN_CLASS_ROWS || negatives < MIN_CLASS_ROWS) {
            throw new SheetException(data + ": training needs at least " + MIN_CLASS_ROWS + " students of each class "
                    + "so that every split and fold holds some; the sheet has " + positives + " who reached the Ponto "
                    + "de Virada and " + negatives + " who did not");
        }
    }
}
