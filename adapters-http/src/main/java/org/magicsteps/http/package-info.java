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
 * Handlers call core use cases only; the ports are reached solely for {@code /health} and for the
 * metrics decorators that {@link org.magicsteps.http.ServiceMetrics} puts around them.
 */
package org.magicsteps.http;
