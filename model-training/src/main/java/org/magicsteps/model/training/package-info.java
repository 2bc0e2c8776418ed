/**
 * Training in Java with Tribuo: {@link org.magicsteps.model.training.TrainingPipeline} reads a
 * labelled PEDE sheet, splits it (stratified train / validation / test, seeded) before anything
 * is fitted, checks for leakage, tries the original pipeline's feature engineering and a grid of
 * model families (L2 logistic regression with LibLinear, boosted Tribuo CART trees, and both fitted
 * to IPV as a training target) chosen by repeated cross-validation inside the training split,
 * calibrates the winner on the validation split by Platt scaling, chooses the threshold there, refits on train + validation, measures the result once on
 * the test split (overall and per group), and writes a model bundle with its model card whose ONNX
 * graph (calibration inside) is checked against the trained model. No Tribuo type crosses this
 * package's public API.
 */
package org.magicsteps.model.training;
