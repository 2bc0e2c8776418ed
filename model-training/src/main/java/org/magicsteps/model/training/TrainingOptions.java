package org.magicsteps.model.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code magic-steps train} was asked to do.
 *
 * @param data the labelled PEDE sheet (CSV or XLSX)
 * @param sheet the workbook's sheet, or {@code null} for the first
 * @param out the bundle directory to write
 * @param name the model's name (its version is the name plus the ONNX file's hash)
 * @param exclude features the model must not read (the API still accepts them, as optional)
 * @param seed the seed of the split, the SGD trainers, the folds and the bootstrap
 * @param minRecall the recall the threshold must reach on validation data, or {@code null} for best F1
 * @param command the command as typed, recorded in the manifest; {@code null} when not run from a command line
 */
public record TrainingOptions(Path data, String sheet, Path out, String name, Set<String> exclude, long seed,
        Double minRecall, String command) {

    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * @throws IllegalArgumentException naming the option at fault: an excluded feature that is not
     *     one of the 18 PEDE features, a bad name, or a recall outside (0, 1]
     */
    public TrainingOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        name = name == null || name.isBlank() ? "magic-steps" : name.strip();
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("--name: '" + name + "' must be lower-case letters, digits and dashes, "
                    + "starting with a letter");
        }
        Set<String> normalized = new TreeSet<>();
        for (String feature : exclude == null ? Set.<String>of() : exclude) {
            String f = feature.strip().toLowerCase(Locale.ROOT);
            if (f.isEmpty()) {
                continue;
            }
            if (!OriginalFeatures.NAMES.contains(f)) {
                throw new IllegalArgumentException("--exclude: '" + feature + "' is not a PEDE feature; expected some of "
                        + String.join(", ", OriginalFeatures.NAMES));
            }
            normalized.add(f);
        }
        if (normalized.size() == OriginalFeatures.NAMES.size()) {
            throw new IllegalArgumentException("--exclude: a model needs at least one feature");
        }
        exclude = Set.copyOf(normalized);
        new ThresholdRule(minRecall);
    }

    /** The features a model may read, in the original API's order. */
    public static List<String> features() {
        return OriginalFeatures.NAMES;
    }
}
