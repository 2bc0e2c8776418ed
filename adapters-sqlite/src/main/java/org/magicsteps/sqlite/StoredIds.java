package org.magicsteps.sqlite;

import java.util.UUID;

/**
 * How the log stores a prediction or batch id: an id in the canonical text of a UUID (lower-case
 * hex with four dashes, as ours are) as its 16 bytes, any other id as the text it is. 16 bytes
 * instead of 36, in the table and in the unique index. The conversion is exact both ways (only
 * text that {@link UUID#toString()} would write becomes bytes), so two ids are equal stored exactly
 * when they are equal as text, and the unique index keeps a retried append from duplicating.
 *
 * <p>The log's order breaks ties by the id's text; {@link #TEXT_SQL} gives SQLite that text for
 * both kinds, so that it orders a page exactly as the other logs do.
 */
final class StoredIds {

    /** The text of the stored id in column {@code prediction_id}, as SQL. */
    static final String TEXT_SQL = textSql("prediction_id");

    private StoredIds() {
    }

    /** The value to bind: a {@code byte[16]} for a canonical UUID, else the text; {@code null} stays null. */
    static Object stored(String id) {
        if (id == null || !isCanonicalUuid(id)) {
            return id;
        }
        byte[] bytes = new byte[16];
        int b = 0;
        for (int i = 0; i < 36; i += 2) {
            if (id.charAt(i) == '-') {
                i--;
                continue;
            }
            bytes[b++] = (byte) (hex(id.charAt(i)) << 4 | hex(id.charAt(i + 1)));
        }
        return bytes;
    }

    /**
     * The id as text from what a column held.
     *
     * @throws IllegalArgumentException when it holds neither text nor 16 bytes
     */
    static String text(Object stored) {
        if (stored == null || stored instanceof String) {
            return (String) stored;
        }
        if (stored instanceof byte[] bytes && bytes.length == 16) {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (bytes[i] & 0xff);
                low = (low << 8) | (bytes[8 + i] & 0xff);
            }
            return new UUID(high, low).toString();
        }
        throw new IllegalArgumentException("an id is stored as " + stored.getClass().getSimpleName()
                + (stored instanceof byte[] bytes ? " of " + bytes.length + " bytes" : "") + ", not text or a UUID");
    }

    /** SQL giving the text of the id stored in {@code column}. */
    static String textSql(String column) {
        String hex = "lower(hex(" + column + "))";
        return "(CASE WHEN typeof(" + column + ") = 'blob' THEN substr(" + hex + ", 1, 8) || '-' || substr(" + hex
                + ", 9, 4) || '-' || substr(" + hex + ", 13, 4) || '-' || substr(" + hex + ", 17, 4) || '-' || substr("
                + hex + ", 21) ELSE " + column + " END)";
    }

    private static int hex(char c) {
        return c <= '9' ? c - '0' : c - 'a' + 10;
    }

    private static boolean isCanonicalUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
