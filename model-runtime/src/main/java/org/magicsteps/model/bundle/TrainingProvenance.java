package org.magicsteps.model.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from, so that it can be reproduced or at least questioned. Every field
 * may be absent (an imported model may know none of them); none is ever invented.
 *
 * @param source what produced the model, for people (for example "magic-steps train" or
 *     "imported from the original Python service")
 * @param command the exact command that trained it, or {@code null}
 * @param dataFile the training data's file name, or {@code null}
 * @param dataFingerprint the training data's content hash ({@code sha256:…}), or {@code null}
 * @param rows how many rows it was trained on, or {@code null}
 * @param seed the random seed, or {@code null}
 * @param details further facts by name (hyper-parameters, excluded features, ...)
 */
public record TrainingProvenance(
        String source,
        String command,
        String dataFile,
        String dataFingerprint,
        Long rows,
        Long seed,
        Map<String, String> details) {

    public TrainingProvenance {
        source = source == null ? "" : source.strip();
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        if (rows != null && rows < 0) {
            throw new IllegalArgumentException("training rows must not be negative, got " + rows);
        }
    }

    /** Provenance that says only where the model came from. */
    public static TrainingProvenance of(String source) {
        return new TrainingProvenance(source, null, null, null, null, null, Map.of());
    }
}
