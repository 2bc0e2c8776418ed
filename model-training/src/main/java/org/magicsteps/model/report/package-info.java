/**
 * A model's report: {@link org.magicsteps.model.report.ModelReport} (what was measured, how the
 * model was chosen, what the leakage check found), written by
 * {@link org.magicsteps.model.report.ReportWriter} as {@code report.json}, four PNG charts drawn
 * with JFreeChart and one self-contained {@code report.html}; and
 * {@link org.magicsteps.model.report.BundleEvaluation}, which evaluates any bundle on any labelled
 * sheet ({@code magic-steps evaluate}).
 */
package org.magicsteps.model.report;
