/**
 * Serving model bundles: {@link org.magicsteps.model.ModelBundle} loads a bundle (a directory,
 * the classpath, or the original Python service's export) or holds one built in code;
 * {@link org.magicsteps.model.OnnxPredictor} runs it as core's {@code Predictor} on one shared
 * ONNX Runtime session; {@link org.magicsteps.model.EmbeddedModel} is the five-line embedding
 * API; {@link org.magicsteps.model.ModelLoadException} says which file is wrong and how. No ONNX
 * Runtime or Tribuo type appears in a public signature.
 */
package org.magicsteps.model;
