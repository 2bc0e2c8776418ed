package org.magicsteps.http;

import java.util.OptionalInt;

/**
 * Finds half of a UTF-16 surrogate pair written as a JSON escape ({@code "\ud800"} with no low
 * half after it, or a low half alone). JSON lets such an escape through, but it is no character: it
 * cannot be written back as UTF-8 (in an answer, a log record, a 422 that quotes it), so it is
 * refused where the body is read. The body's bytes are scanned once, without parsing them (raw
 * surrogates are not UTF-8, which the parser refuses by itself).
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /** Where (the byte offset) the first unpaired surrogate escape of {@code json} starts, if any. */
    static OptionalInt find(byte[] json) {
        int i = 0;
        while (i < json.length) {
            if (json[i] != '\\' || i + 1 >= json.length) {
                i++;
                continue;
            }
            if (json[i + 1] != 'u') {
                i += 2; // \\, \", \n ...: the escaped character is never the start of another escape
                continue;
            }
            int unit = hex(json, i + 2);
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                boolean paired = i + 11 < json.length && json[i + 6] == '\\' && json[i + 7] == 'u'
                        && hex(json, i + 8) >= 0xDC00 && hex(json, i + 8) <= 0xDFFF;
                if (!paired) {
                    return OptionalInt.of(i);
                }
                i += 12;
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                return OptionalInt.of(i);
            } else {
                i += 2;
            }
        }
        return OptionalInt.empty();
    }

    /** The four hexadecimal digits at {@code from}, or -1 (a broken escape is the parser's to refuse). */
    private static int hex(byte[] json, int from) {
        if (from + 4 > json.length) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(json[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
