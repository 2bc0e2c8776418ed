/**
 * Measuring a classifier's probabilities against the truth: ROC-AUC and PR-AUC (from Tribuo's
 * {@code LabelEvaluationUtil}), log-loss, Brier score and the decision metrics at a threshold,
 * each with a stratified bootstrap interval ({@link org.magicsteps.model.evaluation.Evaluation});
 * the curves of a report; and {@link org.magicsteps.model.evaluation.LabelledSheet}, a PEDE sheet
 * read with its target, which refuses unlabelled rows rather than dropping them.
 */
package org.magicsteps.model.evaluation;
