/**
 * The domain of Magic Steps: a student's features and the schema that validates them, the
 * prediction of whether the student reaches the Ponto de Virada, the decision threshold, the
 * prediction log's records and queries, and users with their roles and who may register them.
 *
 * <p>Everything here is an immutable value that validates itself when it is built. Nothing here
 * knows about ports, use cases, storage or transport.
 */
package org.magicsteps.core.domain;
