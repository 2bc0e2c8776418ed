package org.magicsteps.model.data;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.PedeDomain;

/**
 * The codes of every year's sheet, made one: {@code ALFA} is phase 0, {@code FASE 3} phase 3 and
 * {@code 7E} phase 7 in class {@code e}; a class {@code 1A} or {@code ALFA A - G0/G1} is the letter
 * {@code a}; {@code Feminino}/{@code Masculino} are {@code Menina}/{@code Menino}; stones are
 * spelt with their accents; an age stored as a date ({@code 1900-01-08}) is the day; a decimal
 * comma is a point; a number within {@link PedeDomain#NOISE} outside the domain is the bound; an
 * error cell ({@code #N/A}) or the placeholder {@code INCLUIR} ("to include") is empty. Anything
 * else is passed on as read, for the model's schema to judge (and name).
 */
final class PedeValues {

    private static final Pattern PHASE_WORD = Pattern.compile("fase\\s*(\\d{1,2})");
    private static final Pattern PHASE_CLASS = Pattern.compile("(\\d{1,2})\\s*([a-z])");
    private static final Pattern CLASS = Pattern.compile("(?:alfa|fase\\s*\\d{1,2}|\\d{1,2})?\\s*([a-z])(?![a-z]).*");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    /** An age Excel shows as a date of January 1900: serial day n is 1900-01-n. */
    private static final Pattern AGE_AS_ISO_DATE = Pattern.compile("1900-01-(\\d{2})(?:[ T]00:00(?::00)?)?");
    private static final Pattern AGE_AS_DAY_FIRST_DATE = Pattern.compile("(\\d{1,2})/0?1/1900");
    private static final Pattern ERROR_CELL = Pattern.compile("#(N/A|DIV/0!|VALUE!|REF!|NAME\\?|NUM!|NULL!|SPILL!|CALC!)");
    private static final Map<String, String> STONES = Map.of("ametista", "Ametista", "quartzo", "Quartzo",
            "topazio", "Topázio", "agata", "Ágata");
    /** The later sheets' words for the 2022 sheet's {@code Menina}/{@code Menino}, which are passed on as written. */
    private static final Map<String, String> GENDERS = Map.of("feminino", "Menina", "feminina", "Menina",
            "f", "Menina", "masculino", "Menino", "m", "Menino");

    private static final PedeDomain DOMAIN = PedeDomain.of(Year.now().getValue());

    private PedeValues() {
    }

    /** {@code cell}, or {@code null} when it is blank, an error code or a placeholder. */
    static Object present(Object cell) {
        if (cell instanceof String s) {
            String text = s.strip();
            if (text.isEmpty()) {
                return null;
            }
            char first = text.charAt(0);
            // Checked by their first letter first: a sheet of a million rows passes here 18 million times.
            if (first == '#' && ERROR_CELL.matcher(text.toUpperCase(Locale.ROOT)).matches()
                    || (first == 'I' || first == 'i') && text.equalsIgnoreCase("INCLUIR")) {
                return null;
            }
        }
        return cell;
    }

    /** The value of numeric feature {@code feature}: codes read, commas made points, noise at a bound removed. */
    static Object number(String feature, Object cell) {
        Object value = present(cell);
        if (value instanceof BigDecimal number) {
            return withoutNoise(feature, number.doubleValue(), number);
        }
        if (!(value instanceof String s)) {
            return value;
        }
        String text = s.strip();
        if (FeatureSchema.isNumber(text)) {
            return withoutNoise(feature, Double.parseDouble(text), value);
        }
        if (feature.equals("fase")) {
            Integer phase = phase(text);
            if (phase != null) {
                return BigDecimal.valueOf(phase);
            }
        }
        if (feature.equals("idade")) {
            Integer age = ageFromDate(text);
            if (age != null) {
                return BigDecimal.valueOf(age);
            }
        }
        if (text.indexOf(',') > 0 && DECIMAL_COMMA.matcher(text).matches()) {
            String point = text.replace(',', '.');
            return withoutNoise(feature, Double.parseDouble(point), point);
        }
        return value;
    }

    /** The class letter of a class (or phase-and-class) code, as written ({@code 1A} → {@code A}); else the cell. */
    static Object classLetter(Object cell) {
        Object value = present(cell);
        if (value instanceof String s) {
            String code = fold(s);
            Matcher m = CLASS.matcher(code);
            // A bare letter (2022's classes) is passed on as written.
            if (code.length() > 1 && m.matches()) {
                return m.group(1);
            }
        }
        return value;
    }

    /** The class letter a phase code carries ({@code 7E} → {@code e}), or {@code null}. */
    static String classOfPhase(Object cell) {
        if (present(cell) instanceof String s) {
            Matcher m = PHASE_CLASS.matcher(fold(s));
            if (m.matches()) {
                return m.group(2);
            }
        }
        return null;
    }

    /** {@code Menina} or {@code Menino} for the words every year uses; else the cell. */
    static Object gender(Object cell) {
        Object value = present(cell);
        if (value instanceof String s) {
            String word = GENDERS.get(fold(s));
            if (word != null) {
                return word;
            }
        }
        return value;
    }

    /** A stone in its own spelling ({@code Agata} → {@code Ágata}), {@code null} when empty; else the cell, trimmed. */
    static Object stone(Object cell) {
        Object value = present(cell);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return STONES.getOrDefault(fold(text), text);
    }

    /** {@code ALFA} → 0, {@code FASE 3} → 3, {@code 7E} → 7; {@code null} for anything else. */
    private static Integer phase(String text) {
        String code = fold(text);
        if (code.equals("alfa")) {
            return 0;
        }
        Matcher word = PHASE_WORD.matcher(code);
        if (word.matches()) {
            return Integer.parseInt(word.group(1));
        }
        Matcher withClass = PHASE_CLASS.matcher(code);
        if (withClass.matches()) {
            return Integer.parseInt(withClass.group(1));
        }
        return null;
    }

    private static Integer ageFromDate(String text) {
        Matcher iso = AGE_AS_ISO_DATE.matcher(text);
        if (iso.matches()) {
            return Integer.parseInt(iso.group(1));
        }
        Matcher dayFirst = AGE_AS_DAY_FIRST_DATE.matcher(text);
        return dayFirst.matches() ? Integer.parseInt(dayFirst.group(1)) : null;
    }

    private static Object withoutNoise(String feature, double value, Object asRead) {
        double kept = DOMAIN.withoutNoise(feature, value);
        return kept == value ? asRead : BigDecimal.valueOf(kept);
    }

    /** Lower-case, trimmed, without accents: how codes are compared. */
    private static String fold(String text) {
        return PedeColumns.normalize(text);
    }
}
