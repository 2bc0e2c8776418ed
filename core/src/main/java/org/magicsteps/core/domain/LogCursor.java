package org.magicsteps.core.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of the prediction log ended: the log is read newest first (by timestamp, then by
 * prediction id, both descending), and the next page starts strictly after this position.
 * Clients see it as an opaque string.
 *
 * @param timestamp the timestamp of the last record of the page
 * @param predictionId the prediction id of the last record of the page
 */
public record LogCursor(Instant timestamp, String predictionId) {

    public LogCursor {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(predictionId, "predictionId");
    }

    public static LogCursor after(PredictionRecord last) {
        return new LogCursor(last.prediction().timestamp(), last.predictionId());
    }

    /** The opaque form clients pass back. */
    public String encode() {
        String plain = timestamp.toEpochMilli() + ":" + predictionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ValidationException naming the {@code cursor} field when {@code text} is not a cursor
     *     this service issued
     */
    public static LogCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0 && colon < plain.length() - 1) {
                return new LogCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                        plain.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one message below; NumberFormatException is an IllegalArgumentException
        }
        throw new ValidationException(Violation.of("cursor", text, Violation.Kind.INVALID,
                "cursor: '" + text + "' is not a cursor this service issued"));
    }

    /** Whether {@code record} comes after this position in the log's newest-first order. */
    public boolean precedes(PredictionRecord record) {
        int byTime = record.prediction().timestamp().compareTo(timestamp);
        return byTime < 0 || byTime == 0 && record.predictionId().compareTo(predictionId) < 0;
    }
}
