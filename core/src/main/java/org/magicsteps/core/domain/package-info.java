/**
 * The domain of Magic Steps: a student's features and the schema that validates them, the
 * prediction of whether the student reaches the Ponto de Virada, the decision threshold, the
 * prediction log's records and queries, users with their roles and who may register them, the
 * explanation of a prediction (additive contributions in log-odds), and the drift of data from a
 * model's training reference (the population stability index per feature).
 *
 * <p>Everything here is an immutable value that validates itself when it is built, except
 * {@link org.magicsteps.core.domain.FeatureVisitor}, the callback through which a large read of the
 * log hands over feature values. Nothing here knows about ports, use cases, storage or transport.
 */
package org.magicsteps.core.domain;
