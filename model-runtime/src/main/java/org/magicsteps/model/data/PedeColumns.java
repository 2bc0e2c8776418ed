package org.magicsteps.model.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The column headers of the PEDE sheet and the canonical names they stand for, as the original
 * Python pipeline renamed them (its {@code column_alias_map}). A header matches after trimming,
 * collapsing inner spaces and lower-casing; every canonical name is also accepted as a header.
 */
final class PedeColumns {

    static final String PEDRA_MODAL = "pedra_modal";
    static final String TARGET = "atingiu_pv";
    static final List<String> PEDRA_HEADERS = List.of("Pedra 20", "Pedra 21", "Pedra 22");
    static final List<String> ID_HEADERS = List.of("student_id", "RA");
    static final List<String> TARGET_HEADERS = List.of("Atingiu PV", TARGET);

    /** Sheet headers by canonical name, as the sheet spells them (for messages). */
    private static final Map<String, List<String>> SHEET_HEADERS = new LinkedHashMap<>();

    static {
        SHEET_HEADERS.put("fase", List.of("Fase"));
        SHEET_HEADERS.put("idade", List.of("Idade 22"));
        SHEET_HEADERS.put("ano_ingresso", List.of("Ano ingresso"));
        SHEET_HEADERS.put("score_inde", List.of("INDE 22"));
        SHEET_HEADERS.put("score_iaa", List.of("IAA"));
        SHEET_HEADERS.put("score_ieg", List.of("IEG"));
        SHEET_HEADERS.put("score_ips", List.of("IPS"));
        SHEET_HEADERS.put("score_ida", List.of("IDA"));
        SHEET_HEADERS.put("score_ipv", List.of("IPV"));
        SHEET_HEADERS.put("score_ian", List.of("IAN"));
        SHEET_HEADERS.put("nota_cg", List.of("Cg"));
        SHEET_HEADERS.put("nota_cf", List.of("Cf"));
        SHEET_HEADERS.put("nota_ct", List.of("Ct"));
        // The sheet writes the ordinal indicator (º); people retyping it often use the degree sign (°).
        SHEET_HEADERS.put("num_avaliacoes", List.of("Nº Av", "N° Av"));
        SHEET_HEADERS.put("defasagem", List.of("Defas"));
        SHEET_HEADERS.put("turma", List.of("Turma"));
        SHEET_HEADERS.put("genero", List.of("Gênero"));
        // The earlier years' stones, in the 2022 sheet's layout (models trained with --include read them).
        SHEET_HEADERS.put("pedra_ano_anterior", List.of("Pedra 21"));
        SHEET_HEADERS.put("pedra_dois_anos_antes", List.of("Pedra 20"));
    }

    private PedeColumns() {
    }

    /** How headers are compared: BOM removed, trimmed, inner spaces collapsed, lower-cased. */
    static String normalize(String header) {
        String text = header == null ? "" : header.replace("\uFEFF", "");
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Every header accepted for {@code canonical}, as people would write them: the name itself first. */
    static List<String> accepted(String canonical) {
        List<String> headers = new ArrayList<>();
        headers.add(canonical);
        headers.addAll(SHEET_HEADERS.getOrDefault(canonical, List.of()));
        if (canonical.equals(PEDRA_MODAL)) {
            headers.add("or any of " + String.join(", ", PEDRA_HEADERS));
        }
        return headers;
    }

    /** The normalized headers that give {@code canonical} directly (not through the Pedra rule). */
    static Set<String> matching(String canonical) {
        Set<String> headers = new java.util.HashSet<>();
        headers.add(normalize(canonical));
        SHEET_HEADERS.getOrDefault(canonical, List.of()).forEach(h -> headers.add(normalize(h)));
        return headers;
    }

    static boolean isPedraHeader(String normalized) {
        return PEDRA_HEADERS.stream().anyMatch(h -> normalize(h).equals(normalized));
    }
}
