/**
 * Training in Java with Tribuo: {@link org.magicsteps.model.training.TrainingPipeline} reads a
 * labelled PEDE sheet, splits it (stratified train / validation / test, seeded) before anything
 * is fitted, checks for leakage, tries the original pipeline's feature engineering and a grid of
 * ONNX-exportable Tribuo models (logistic regression, factorization machines) with early stopping
 * on the validation split, chooses the threshold there, refits on train + validation, measures
 * the result once on the test split, and writes a model bundle whose ONNX graph is checked
 * against Tribuo's own predictions. No Tribuo type crosses this package's public API.
 */
package org.magicsteps.model.training;
