package org.magicsteps.core.usecase;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prediction and batch ids: UUID version 7 (RFC 9562), in the UUID text clients have always seen.
 * The first 48 bits are the Unix time in milliseconds, the remaining 74 free bits random. Ids made
 * later sort after ids made earlier, so a store's index on the id grows at its end instead of
 * being written all over (with random version-4 ids, every insert lands on a random page, and the
 * log slowed as its index outgrew the cache).
 *
 * <p>The random bits come from {@link ThreadLocalRandom}: an id must be unique, not secret (it
 * grants nothing), and a shared {@code SecureRandom} is a lock every request thread would queue on.
 * 74 random bits per millisecond make a collision negligible, even between processes.
 */
final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /** A new version-7 id whose time is {@code at} (the prediction's timestamp). */
    static String next(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = at.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
