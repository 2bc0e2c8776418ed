/**
 * The online feature store on Redis, through lettuce: {@link org.magicsteps.redis.RedisFeatureStore}
 * (made from {@link org.magicsteps.redis.RedisSettings}) keeps one hash per student, writes many
 * students in one round trip, lists them with SCAN, and turns every Redis failure into a
 * {@link org.magicsteps.core.port.PortException}; {@link org.magicsteps.redis.RedisAttemptLimiter} keeps the
 * login allowances that every replica shares, as bucket4j's buckets. Both reach a single Redis, TLS,
 * Sentinel or a Cluster, as the settings' URL says. Nothing of lettuce is visible outside this package.
 */
package org.magicsteps.redis;
