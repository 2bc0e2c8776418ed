/**
 * The REST server: the original FastAPI service's routes on Javalin, with JWT bearer
 * authentication, FastAPI-shaped error bodies, an OpenAPI document with Swagger UI, and
 * Prometheus metrics.
 *
 * <p>Only the factory ({@link org.magicsteps.http.MagicStepsServer}) and what it takes
 * ({@link org.magicsteps.http.ApiServices}, {@link org.magicsteps.http.HttpSettings},
 * {@link org.magicsteps.http.TokenSecret}, {@link org.magicsteps.http.TrustedProxies},
 * {@link org.magicsteps.http.ServiceMetrics}) are public. Login attempts are limited by bucket4j's
 * buckets in a bounded Caffeine cache, or by a shared {@link org.magicsteps.core.port.AttemptLimiter}
 * (Redis) when one is given.
 * Route classes call core use cases only (an ArchUnit rule in adapters-cli holds them to it);
 * {@code /health} reads each component's {@link org.magicsteps.core.port.HealthReporting}, and the
 * metrics decorators that {@link org.magicsteps.http.ServiceMetrics} puts around the predictor and
 * the log are the only port implementations here. The pydantic names of the rules a 422 lists
 * ({@code type}) are this adapter's, not the domain's.
 */
package org.magicsteps.http;
