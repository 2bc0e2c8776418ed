package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Objects;

/**
 * Which ONNX file a bundle runs and what its graph must look like: the names and shapes of the
 * one input and the one output read, and how that output becomes a probability. Loading a bundle
 * compares these with the graph itself and refuses a mismatch.
 *
 * @param file the ONNX file's name inside the bundle directory, such as {@code model.onnx}
 * @param inputName the graph input that takes the float matrix {@code [batch, width]}
 * @param inputShape its shape; {@link #DYNAMIC} marks the batch dimension
 * @param outputName the graph output to read
 * @param outputShape its shape; {@link #DYNAMIC} marks the batch dimension
 * @param outputKind how the output becomes a probability
 * @param positiveIndex for {@link OutputKind#PROBABILITY} with a class dimension, the column of
 *     the positive class ("reached the Ponto de Virada"); 0 otherwise
 */
public record OnnxSpec(
        String file,
        String inputName,
        List<Long> inputShape,
        String outputName,
        List<Long> outputShape,
        OutputKind outputKind,
        int positiveIndex) {

    /** A dimension whose size is chosen per call (the batch): {@value}. */
    public static final long DYNAMIC = -1L;

    public OnnxSpec {
        requireText(file, "onnx file");
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalArgumentException("onnx file '" + file + "' must be a plain file name inside the bundle");
        }
        requireText(inputName, "onnx input name");
        requireText(outputName, "onnx output name");
        Objects.requireNonNull(outputKind, "outputKind");
        inputShape = List.copyOf(inputShape);
        outputShape = List.copyOf(outputShape);
        if (inputShape.size() != 2 || inputShape.get(0) != DYNAMIC || inputShape.get(1) < 1) {
            throw new IllegalArgumentException("onnx input shape " + shapeText(inputShape)
                    + " must be [batch, width] with a fixed width");
        }
        if (outputShape.isEmpty() || outputShape.size() > 2 || outputShape.get(0) != DYNAMIC) {
            throw new IllegalArgumentException("onnx output shape " + shapeText(outputShape)
                    + " must be [batch] or [batch, n]");
        }
        long columns = outputShape.size() == 2 ? outputShape.get(1) : 1;
        if (outputKind == OutputKind.LOGIT && columns != 1) {
            throw new IllegalArgumentException("a logit output has one value per student, but shape "
                    + shapeText(outputShape) + " has " + columns);
        }
        if (positiveIndex < 0 || positiveIndex >= columns) {
            throw new IllegalArgumentException("positive index " + positiveIndex + " is outside output shape "
                    + shapeText(outputShape));
        }
    }

    /** The number of values the model takes per student. */
    public int inputWidth() {
        return Math.toIntExact(inputShape.get(1));
    }

    /** The number of output values per student. */
    public int outputColumns() {
        return outputShape.size() == 2 ? Math.toIntExact(outputShape.get(1)) : 1;
    }

    /** A shape as people read it: {@code [batch, 18]}. */
    public static String shapeText(List<Long> shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(shape.get(i) == DYNAMIC ? "batch" : shape.get(i).toString());
        }
        return text.append(']').toString();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
