package org.magicsteps.core.domain;

import java.util.List;

/**
 * A model's own input tensor, as clients that encode students themselves send it: one row per
 * student, {@link #width()} numbers per row, each column meaning what {@code /features/process}
 * calls it (a scaled score, one category of a one-hot feature, ...).
 *
 * @param name the tensor's name, such as the ONNX graph's input name
 * @param columns the name of each column, in order; not empty, no blank name
 */
public record ModelInput(String name, List<String> columns) {

    public ModelInput {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an input tensor needs a name");
        }
        columns = List.copyOf(columns);
        if (columns.isEmpty() || columns.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("input '" + name + "' needs a name for each of its columns");
        }
    }

    /** How many numbers make one row. */
    public int width() {
        return columns.size();
    }
}
