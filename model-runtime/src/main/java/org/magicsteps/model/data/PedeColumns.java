package org.magicsteps.model.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column headers of the PEDE sheets and the canonical names they stand for. The 2022 sheet's
 * headers are the original Python pipeline's ({@code column_alias_map}); later sheets name the
 * sheet's own year in full ({@code INDE 2023}, {@code Pedra 2023}), keep earlier years' INDE and
 * stones beside it ({@code INDE 22}), and write {@code Idade} and {@code Defasagem}. A header
 * matches after trimming, collapsing inner spaces, lower-casing and dropping accents; every
 * canonical name is also accepted as a header.
 */
final class PedeColumns {

    static final String PEDRA_MODAL = "pedra_modal";
    /** The stones of the two years before the sheet's (models trained with --include read them). */
    static final String PREVIOUS_STONE = "pedra_ano_anterior";
    static final String STONE_TWO_YEARS_BEFORE = "pedra_dois_anos_antes";
    static final String TARGET = "atingiu_pv";
    static final List<String> ID_HEADERS = List.of("student_id", "RA");
    static final List<String> TARGET_HEADERS = List.of("Atingiu PV", TARGET);
    /** The year whose headers a sheet without a year in its headers is read with: the original's. */
    static final int ORIGINAL_YEAR = 2022;

    private static final Pattern YEAR_HEADER = Pattern.compile("(inde|pedra|idade) (\\d{4}|\\d{2})");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Headers every year shares, by canonical name, as the sheets spell them (for messages). */
    private static final Map<String, List<String>> SHARED_HEADERS = new LinkedHashMap<>();

    static {
        SHARED_HEADERS.put("fase", List.of("Fase"));
        SHARED_HEADERS.put("ano_ingresso", List.of("Ano ingresso"));
        SHARED_HEADERS.put("score_iaa", List.of("IAA"));
        SHARED_HEADERS.put("score_ieg", List.of("IEG"));
        SHARED_HEADERS.put("score_ips", List.of("IPS"));
        SHARED_HEADERS.put("score_ida", List.of("IDA"));
        SHARED_HEADERS.put("score_ipv", List.of("IPV"));
        SHARED_HEADERS.put("score_ian", List.of("IAN"));
        SHARED_HEADERS.put("nota_cg", List.of("Cg"));
        SHARED_HEADERS.put("nota_cf", List.of("Cf"));
        SHARED_HEADERS.put("nota_ct", List.of("Ct"));
        // The sheet writes the ordinal indicator (º); people retyping it often use the degree sign (°).
        SHARED_HEADERS.put("num_avaliacoes", List.of("Nº Av", "N° Av"));
        SHARED_HEADERS.put("defasagem", List.of("Defas", "Defasagem"));
        SHARED_HEADERS.put("turma", List.of("Turma"));
        SHARED_HEADERS.put("genero", List.of("Gênero"));
    }

    private PedeColumns() {
    }

    /**
     * How headers (and codes in cells) are compared: BOM removed, trimmed, inner spaces collapsed,
     * lower-cased, accents dropped.
     */
    static String normalize(String header) {
        if (header == null) {
            return "";
        }
        if (isPlainAscii(header)) {
            // Most cells: no accent, no run of spaces, nothing to decompose.
            return header.strip().toLowerCase(Locale.ROOT);
        }
        String text = header.replace("\uFEFF", "");
        text = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** ASCII without a tab, line break or two spaces in a row. */
    private static boolean isPlainAscii(String text) {
        char previous = 'x';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 127 || c < ' ' || c == ' ' && previous == ' ') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * The year of a sheet, read from its headers: the latest year an {@code INDE} column names,
     * else the latest a {@code Pedra} column names, else an {@code Idade} column's.
     */
    static OptionalInt year(List<String> normalizedHeaders) {
        for (String kind : List.of("inde", "pedra", "idade")) {
            int latest = -1;
            for (String header : normalizedHeaders) {
                Matcher m = YEAR_HEADER.matcher(header);
                if (m.matches() && m.group(1).equals(kind)) {
                    int year = Integer.parseInt(m.group(2));
                    latest = Math.max(latest, year < 100 ? 2000 + year : year);
                }
            }
            if (latest > 0) {
                return OptionalInt.of(latest);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The headers that give {@code canonical} in a sheet of {@code year}, as people write them, in
     * the order they are tried (a cell left blank in one is looked for in the next): the canonical
     * name first.
     */
    static List<List<String>> headers(String canonical, int year) {
        List<List<String>> tiers = new ArrayList<>();
        List<String> first = new ArrayList<>();
        first.add(canonical);
        switch (canonical) {
            case "score_inde" -> {
                if (year > ORIGINAL_YEAR) {
                    first.add("INDE " + year);
                    tiers.add(first);
                    tiers.add(List.of("INDE " + year % 100));
                    return tiers;
                }
                first.add("INDE " + year % 100);
            }
            case "idade" -> first.add(year > ORIGINAL_YEAR ? "Idade" : "Idade " + year % 100);
            // The earlier years' stones are the sheet year's previous columns: Pedra 21 and 20 in 2022.
            case PREVIOUS_STONE -> first.add("Pedra " + (year - 1) % 100);
            case STONE_TWO_YEARS_BEFORE -> first.add("Pedra " + (year - 2) % 100);
            default -> first.addAll(SHARED_HEADERS.getOrDefault(canonical, List.of()));
        }
        tiers.add(first);
        return tiers;
    }

    /**
     * The stone columns whose mode is {@code pedra_modal} in a sheet of {@code year}: the year's
     * own stone and the two years' before it. Each entry lists the spellings of one year, tried in
     * order ({@code Pedra 2023}, then {@code Pedra 23}).
     */
    static List<List<String>> stones(int year) {
        List<List<String>> stones = new ArrayList<>();
        stones.add(year > ORIGINAL_YEAR ? List.of("Pedra " + year, "Pedra " + year % 100)
                : List.of("Pedra " + year % 100));
        stones.add(List.of("Pedra " + (year - 1) % 100));
        stones.add(List.of("Pedra " + (year - 2) % 100));
        return stones;
    }

    /** Every header accepted for {@code canonical} in a sheet of {@code year}, for messages. */
    static List<String> accepted(String canonical, int year) {
        List<String> headers = new ArrayList<>();
        headers(canonical, year).forEach(headers::addAll);
        if (canonical.equals(PEDRA_MODAL)) {
            List<String> stones = new ArrayList<>();
            // Oldest first, as the sheets order their columns.
            List<List<String>> byYear = new ArrayList<>(stones(year));
            java.util.Collections.reverse(byYear);
            byYear.forEach(stones::addAll);
            headers.add("or any of " + String.join(", ", stones));
        }
        return headers;
    }
}
