package org.magicsteps.core.usecase;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.Predictor;

/**
 * An admin loads a model, or a new version of one, while the service runs. The model is opened
 * and probed in full before it is served: it must describe itself, score the example student
 * its own schema accepts with a probability, show that student's input, and (when it takes
 * encoded rows) give the same probability for that input. Only then does it replace the model
 * served under its name; requests already running finish on the old one. A model that fails is
 * closed and refused with the reason, and the old one keeps serving.
 */
public final class LoadModel {

    /** Encoded and named input must agree this closely: the encoded row is float32. */
    private static final double PROBE_TOLERANCE = 1e-6;

    /**
     * What was loaded.
     *
     * @param name the name it is served under
     * @param location where it was loaded from
     * @param model what it says about itself
     * @param replaced the model it replaced, if one was served under that name
     */
    public record Loaded(String name, String location, ModelInfo model, Optional<ModelInfo> replaced) {
    }

    private final ServedModels models;
    private final ModelSource source;

    public LoadModel(ServedModels models, ModelSource source) {
        this.models = Objects.requireNonNull(models, "models");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param name the name to serve it under; a new name adds a model, a known one replaces it
     * @param location where to open it from (a bundle directory, a carried model's name), or
     *     {@code null} to load it again from where {@code name} was last loaded
     * @throws AccessDeniedException when {@code actor} is not an admin
     * @throws ModelRefusedException saying why, when the name is not valid, there is nowhere to
     *     load it from, or it does not load or fails its probe; the model served stays
     */
    public Loaded execute(Actor actor, String name, String location) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may load a model");
        }
        if (!ServedModels.isValidName(name)) {
            throw new ModelRefusedException("model name '" + name + "' must be 1–64 letters, digits or . _ -, "
                    + "starting with a letter or digit");
        }
        if (location != null && location.isBlank()) {
            throw new ModelRefusedException("the location to load model '" + name + "' from is blank");
        }
        String from = location != null ? location : models.location(name).orElseThrow(() -> new ModelRefusedException(
                "model '" + name + "' is new: say where to load it from (a bundle directory)"));
        Predictor candidate;
        try {
            candidate = source.open(from);
        } catch (RuntimeException e) {
            // A bundle is outside input: whatever fails while opening it is why it is refused.
            throw new ModelRefusedException("model '" + name + "' was not loaded from " + from + ": " + reason(e), e);
        }
        try {
            probe(candidate);
        } catch (RuntimeException e) {
            close(candidate);
            throw new ModelRefusedException("model '" + name + "' from " + from + " fails its probe: " + reason(e), e);
        }
        Optional<ModelInfo> replaced = models.serve(name, from, candidate);
        return new Loaded(name, from, candidate.info(), replaced);
    }

    private static void probe(Predictor model) {
        ModelInfo info = Objects.requireNonNull(model.info(), "it describes itself as null");
        if (info.version().isBlank()) {
            throw new IllegalStateException("it has no version");
        }
        StudentFeatures student = model.schema().exampleStudent();
        double[] scored = model.probabilities(List.of(student));
        if (scored.length != 1 || !(scored[0] >= 0.0 && scored[0] <= 1.0)) {
            throw new IllegalStateException("for one student it answered " + Arrays.toString(scored)
                    + ", not one probability");
        }
        ProcessedFeatures processed = model.process(student);
        Optional<EncodedInput> encoded = model.encodedInput();
        if (encoded.isPresent()) {
            ModelInput input = encoded.get().input();
            List<Double> values = processed.modelInput();
            if (values.size() != input.width()) {
                throw new IllegalStateException("its input '" + input.name() + "' takes " + input.width()
                        + " values per student, but a student becomes " + values.size());
            }
            float[] row = new float[values.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.get(i).floatValue();
            }
            double[] fromRow = encoded.get().probabilities(row);
            if (fromRow.length != 1 || !(Math.abs(fromRow[0] - scored[0]) <= PROBE_TOLERANCE)) {
                throw new IllegalStateException("the example student scores " + scored[0] + " by its features but "
                        + Arrays.toString(fromRow) + " by its encoded input");
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(Predictor model) {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // It is refused anyway; closing only frees its memory.
            }
        }
    }
}
