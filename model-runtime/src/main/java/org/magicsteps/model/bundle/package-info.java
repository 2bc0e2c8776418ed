/**
 * The model bundle format: the records of {@code manifest.json} (the ONNX signature, the
 * decision threshold, each feature's validation rules, transform, imputation and reference
 * histogram, the training provenance and metrics), {@link org.magicsteps.model.bundle.ManifestJson}
 * to read and write them, and {@link org.magicsteps.model.bundle.SeedPreprocessor} to read the
 * original Python service's {@code preprocessor.json} as a manifest. Records validate themselves
 * when built, so a trainer that builds a manifest in code gets the same checks as a loader.
 * Nothing here touches ONNX Runtime or the file system.
 */
package org.magicsteps.model.bundle;
