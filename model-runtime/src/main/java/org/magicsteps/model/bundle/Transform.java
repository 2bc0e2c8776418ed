package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one feature's value becomes model input: one number for most transforms, one number per
 * category for {@link OneHot}. A transform carries its own fitted parameters (a scaler's
 * min/max, an encoder's categories), kept apart from the feature's validation rules: the range
 * a scaler saw in training is not the range an API should accept.
 */
public sealed interface Transform {

    /** The word used in {@code manifest.json}. */
    String kind();

    /** How many model inputs this transform writes. */
    int width();

    /**
     * Writes the encoding of {@code value} into {@code out} from {@code offset}.
     *
     * @param value a {@link Double} for a numeric transform, a lower-cased word for a categorical
     *     one; {@code null} only for a categorical transform, meaning absent (encoded as unknown)
     */
    void encode(Object value, float[] out, int offset);

    /** Whether this transform takes words rather than numbers. */
    boolean categorical();

    /** The value passed as is: {@code x}. */
    record Identity() implements Transform {
        @Override public String kind() { return "identity"; }
        @Override public int width() { return 1; }
        @Override public boolean categorical() { return false; }
        @Override public void encode(Object value, float[] out, int offset) {
            out[offset] = (float) number(value);
        }
    }

    /**
     * The feature is accepted (and validated) but not fed to the model: it writes no input. A
     * model trained without a feature (for example the early-warning model, trained without
     * {@code score_ipv}) keeps accepting it, so that clients may send the same 18 features to
     * every model. It suits numeric and categorical features alike.
     */
    record Ignored() implements Transform {
        @Override public String kind() { return "ignored"; }
        @Override public int width() { return 0; }
        @Override public boolean categorical() { return false; }
        @Override public void encode(Object value, float[] out, int offset) {
            // Nothing to write: the model does not see this feature.
        }
    }

    /**
     * Min-max scaling, not clipped: {@code (x − min) / (max − min)}, or {@code x − min} when
     * {@code max == min} (as scikit-learn's {@code MinMaxScaler} does for a constant column).
     *
     * @param min the smallest value seen in training
     * @param max the largest value seen in training
     */
    record MinMax(double min, double max) implements Transform {
        public MinMax {
            requireFinite(min, "min");
            requireFinite(max, "max");
            if (max < min) {
                throw new IllegalArgumentException("min-max transform: max " + max + " is below min " + min);
            }
        }
        @Override public String kind() { return "minmax"; }
        @Override public int width() { return 1; }
        @Override public boolean categorical() { return false; }
        @Override public void encode(Object value, float[] out, int offset) {
            double range = max - min;
            out[offset] = (float) ((number(value) - min) / (range == 0.0 ? 1.0 : range));
        }
    }

    /**
     * Standardisation: {@code (x − mean) / std}, or {@code x − mean} when {@code std == 0}.
     *
     * @param mean the training mean
     * @param std the training standard deviation
     */
    record Standard(double mean, double std) implements Transform {
        public Standard {
            requireFinite(mean, "mean");
            requireFinite(std, "std");
            if (std < 0) {
                throw new IllegalArgumentException("standard transform: std " + std + " is negative");
            }
        }
        @Override public String kind() { return "standard"; }
        @Override public int width() { return 1; }
        @Override public boolean categorical() { return false; }
        @Override public void encode(Object value, float[] out, int offset) {
            out[offset] = (float) ((number(value) - mean) / (std == 0.0 ? 1.0 : std));
        }
    }

    /**
     * Ordinal codes: the 0-based index of the word in {@code categories}, fed as a float,
     * unscaled; {@code unknownCode} for a word not listed or an absent value (as scikit-learn's
     * {@code OrdinalEncoder(handle_unknown="use_encoded_value")} does).
     *
     * @param categories the encoder's categories, lower-cased, in code order
     * @param unknownCode the code of an unknown or absent word
     */
    record Ordinal(List<String> categories, double unknownCode) implements Transform {
        public Ordinal {
            categories = lowerCased(categories, "ordinal");
            requireFinite(unknownCode, "unknown code");
        }
        @Override public String kind() { return "ordinal"; }
        @Override public int width() { return 1; }
        @Override public boolean categorical() { return true; }
        @Override public void encode(Object value, float[] out, int offset) {
            int index = value == null ? -1 : categories.indexOf(word(value));
            out[offset] = (float) (index < 0 ? unknownCode : index);
        }
    }

    /**
     * One-hot: one input per category, 1 for the word's category and 0 elsewhere; all zeros for
     * an unknown or absent word.
     *
     * @param categories the categories, lower-cased, in input order
     */
    record OneHot(List<String> categories) implements Transform {
        public OneHot {
            categories = lowerCased(categories, "one-hot");
        }
        @Override public String kind() { return "one_hot"; }
        @Override public int width() { return categories.size(); }
        @Override public boolean categorical() { return true; }
        @Override public void encode(Object value, float[] out, int offset) {
            int index = value == null ? -1 : categories.indexOf(word(value));
            for (int i = 0; i < categories.size(); i++) {
                out[offset + i] = i == index ? 1f : 0f;
            }
        }
    }

    private static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException("a numeric transform needs a number, got " + value);
    }

    private static String word(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("a categorical transform needs a word, got " + value);
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("transform " + what + " must be a finite number, got " + value);
        }
    }

    private static List<String> lowerCased(List<String> categories, String kind) {
        Objects.requireNonNull(categories, kind + " categories");
        List<String> words = categories.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        if (words.isEmpty()) {
            throw new IllegalArgumentException(kind + " transform needs at least one category");
        }
        if (words.stream().distinct().count() != words.size()) {
            throw new IllegalArgumentException(kind + " transform categories repeat: " + words);
        }
        return words;
    }
}
