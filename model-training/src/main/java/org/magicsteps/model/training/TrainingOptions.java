package org.magicsteps.model.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.magicsteps.core.domain.FeatureSpec;

/**
 * What {@code magic-steps train} was asked to do.
 *
 * @param data the labelled PEDE sheet (CSV or XLSX)
 * @param sheet the workbook's sheet, or {@code null} for the first
 * @param out the bundle directory to write
 * @param name the model's name (its version is the name plus the ONNX file's hash)
 * @param exclude features the model must not read (the API still accepts them, as optional)
 * @param include features beyond the original 18 that the model may read, as optional inputs
 *     (the earlier years' stones: {@code pedra_ano_anterior}, {@code pedra_dois_anos_antes})
 * @param seed the seed of the split, the SGD trainers, the folds and the bootstrap
 * @param minRecall the recall the threshold must reach on validation data, or {@code null} for best F1
 * @param command the command as typed, recorded in the manifest; {@code null} when not run from a command line
 * @param driftData sheets of other years (labelled or not) whose drift from the new bundle's training data the
 *     model card records; empty for none
 */
public record TrainingOptions(Path data, String sheet, Path out, String name, Set<String> exclude,
        Set<String> include, long seed, Double minRecall, String command, List<Path> driftData) {

    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * @throws IllegalArgumentException naming the option at fault: an excluded feature that is not
     *     one of the 18 PEDE features, an included one that is not an earlier year's, a bad name, or a
     *     recall outside (0, 1]
     */
    public TrainingOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(out, "out");
        name = name == null || name.isBlank() ? "magic-steps" : name.strip();
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("--name: '" + name + "' must be lower-case letters, digits and dashes, "
                    + "starting with a letter");
        }
        exclude = features(exclude, OriginalFeatures.NAMES, "--exclude", "is not a PEDE feature");
        if (exclude.size() == OriginalFeatures.NAMES.size()) {
            throw new IllegalArgumentException("--exclude: a model needs at least one feature");
        }
        include = features(include, OriginalFeatures.EARLIER_YEAR_NAMES, "--include", "is not a feature a model may add");
        new ThresholdRule(minRecall);
        driftData = driftData == null ? List.of() : List.copyOf(driftData);
        if (driftData.contains(data)) {
            throw new IllegalArgumentException("--drift-data: '" + data + "' is the training sheet itself; give "
                    + "sheets of other years");
        }
    }

    /** Options without sheets to measure drift on. */
    public TrainingOptions(Path data, String sheet, Path out, String name, Set<String> exclude, Set<String> include,
            long seed, Double minRecall, String command) {
        this(data, sheet, out, name, exclude, include, seed, minRecall, command, List.of());
    }

    /** The names given, trimmed and lower-cased, each one of {@code allowed}, or a refusal naming the option. */
    private static Set<String> features(Set<String> given, List<String> allowed, String option, String problem) {
        Set<String> normalized = new TreeSet<>();
        for (String feature : given == null ? Set.<String>of() : given) {
            String f = feature.strip().toLowerCase(Locale.ROOT);
            if (f.isEmpty()) {
                continue;
            }
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(option + ": '" + feature + "' " + problem + "; expected some of "
                        + String.join(", ", allowed));
            }
            normalized.add(f);
        }
        return Set.copyOf(normalized);
    }

    /** Options without extra features. */
    public TrainingOptions(Path data, String sheet, Path out, String name, Set<String> exclude, long seed,
            Double minRecall, String command) {
        this(data, sheet, out, name, exclude, Set.of(), seed, minRecall, command);
    }

    /** The features a model may read, in the original API's order. */
    public static List<String> features() {
        return OriginalFeatures.NAMES;
    }

    /** The features {@code --include} may add, known before this year's assessment. */
    public static List<String> includable() {
        return OriginalFeatures.EARLIER_YEAR_NAMES;
    }

    /** The validation rules of the features this run's bundle accepts: the original 18, then the included ones. */
    List<FeatureSpec> featureSpecs() {
        List<FeatureSpec> specs = new ArrayList<>(OriginalFeatures.SPECS);
        OriginalFeatures.EARLIER_YEARS.stream().filter(s -> include.contains(s.name())).forEach(specs::add);
        return List.copyOf(specs);
    }
}
