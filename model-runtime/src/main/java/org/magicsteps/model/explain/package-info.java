/**
 * Why a model gives a student its probability, in log-odds and additive: {@code base value +
 * Σ contribution = log-odds}. {@link org.magicsteps.model.explain.LinearExplainer} is exact for a
 * model linear in its inputs (weight × (input − training mean), summed back over each feature's
 * inputs); {@link org.magicsteps.model.explain.KernelShapExplainer} explains any other graph with
 * Kernel SHAP (Lundberg and Lee, 2017) over the background sample a bundle carries
 * ({@link org.magicsteps.model.explain.ExplanationReferences} makes one where a bundle lacks it).
 * Each contribution comes with a short reason in Portuguese for the NGO's staff.
 */
package org.magicsteps.model.explain;
