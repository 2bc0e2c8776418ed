package org.magicsteps.model.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.magicsteps.core.domain.Violation;

/**
 * Which layout one sheet has (the year its headers name, or the canonical names), where each
 * wanted column is in its header, and how a row becomes a {@link SheetRow} in canonical names with
 * every year's codes made one (see {@link PedeValues}).
 */
final class SheetLayout {

    static final List<String> RANKING_ORDER = List.of("nota_cg", "nota_cf", "nota_ct");
    static final Set<String> RANKINGS = Set.copyOf(RANKING_ORDER);
    private static final String INDE = "score_inde";

    /** Each feature's columns, tried in order for a cell that is not blank. */
    private final Map<String, List<Integer>> featureColumns = new LinkedHashMap<>();
    /** The stone columns of {@code pedra_modal}, one list of spellings (columns) per year. */
    private final List<List<Integer>> stoneColumns = new ArrayList<>();
    private final Integer idColumn;
    private final Integer targetColumn;
    private final String name;
    private final int year;
    /** The rankings the reader wants, in Cg, Cf, Ct order. */
    private final List<String> wantedRankings;

    SheetLayout(String source, List<String> header, List<String> features, Set<String> required, boolean withTarget) {
        List<String> normalized = header.stream().map(PedeColumns::normalize).toList();
        OptionalInt detected = PedeColumns.year(normalized);
        year = detected.orElse(PedeColumns.ORIGINAL_YEAR);
        boolean sheetHeaders = false;
        for (String feature : features) {
            List<Integer> columns = new ArrayList<>();
            for (List<String> tier : PedeColumns.headers(feature, year)) {
                Integer column = find(source, header, normalized, normalizedSet(tier), feature);
                if (column != null) {
                    columns.add(column);
                    sheetHeaders |= !normalized.get(column).equals(PedeColumns.normalize(feature));
                }
            }
            if (!columns.isEmpty()) {
                featureColumns.put(feature, columns);
            }
        }
        if (features.contains(PedeColumns.PEDRA_MODAL) && !featureColumns.containsKey(PedeColumns.PEDRA_MODAL)) {
            for (List<String> spellings : PedeColumns.stones(year)) {
                List<Integer> columns = new ArrayList<>();
                for (String spelling : spellings) {
                    Integer column = find(source, header, normalized, normalizedSet(List.of(spelling)), spelling);
                    if (column != null) {
                        columns.add(column);
                    }
                }
                if (!columns.isEmpty()) {
                    stoneColumns.add(columns);
                    sheetHeaders = true;
                }
            }
        }
        wantedRankings = RANKING_ORDER.stream().filter(features::contains).toList();
        idColumn = find(source, header, normalized, normalizedSet(PedeColumns.ID_HEADERS), "the student id");
        targetColumn = withTarget
                ? find(source, header, normalized, normalizedSet(PedeColumns.TARGET_HEADERS), PedeColumns.TARGET)
                : null;
        name = detected.isPresent() ? "PEDE " + year : sheetHeaders ? "PEDE headers, no year" : "canonical names";
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (String feature : features) {
            if (required.contains(feature) && !presentFeatures().contains(feature)) {
                missing.put(feature, PedeColumns.accepted(feature, year));
            }
        }
        if (withTarget && targetColumn == null) {
            missing.put(PedeColumns.TARGET, PedeColumns.TARGET_HEADERS);
        }
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(source, missing, name, header);
        }
    }

    /** The layout, for people: {@code PEDE 2023}, {@code canonical names}. */
    String name() {
        return name;
    }

    boolean hasStudentId() {
        return idColumn != null;
    }

    /**
     * The features that have a column (or, for {@code pedra_modal}, stone columns; for a ranking,
     * the INDE it is recomputed from).
     */
    Set<String> presentFeatures() {
        Set<String> present = new LinkedHashSet<>(featureColumns.keySet());
        if (!stoneColumns.isEmpty()) {
            present.add(PedeColumns.PEDRA_MODAL);
        }
        if (featureColumns.containsKey(INDE)) {
            present.addAll(wantedRankings);
        }
        return present;
    }

    /**
     * Whether rankings are recomputed from the INDE: some are wanted, INDE is read, and either a
     * ranking column is missing or the sheet is of 2023 or later, whose rankings are left blank.
     * The 2022 sheet (and a sheet of canonical names) keeps its own, so it is read once, not twice.
     */
    boolean mayRecomputeRankings() {
        if (!featureColumns.containsKey(INDE)) {
            return false;
        }
        boolean columnMissing = wantedRankings.stream().anyMatch(r -> !featureColumns.containsKey(r));
        return !wantedRankings.isEmpty() && (columnMissing || year > PedeColumns.ORIGINAL_YEAR);
    }

    SheetRow row(RawRows.Raw raw) {
        return row(raw, null);
    }

    /**
     * Adds what ranking needs of a row to {@code rankings}, reading only those cells: its INDE,
     * phase and class, and whether a ranking cell is blank.
     */
    void addRankingInputs(RawRows.Raw raw, Rankings.Builder rankings) {
        boolean lacks = false;
        for (String ranking : wantedRankings) {
            lacks |= cell(raw, ranking) == null;
        }
        Object fase = value("fase", cell(raw, "fase"));
        Object turma = value("turma", cell(raw, "turma"));
        if (turma == null && featureColumns.containsKey("fase")) {
            turma = PedeValues.classOfPhase(raw.cell(featureColumns.get("fase").get(0)));
        }
        rankings.add(raw.line(), value(INDE, cell(raw, INDE)), fase, turma, lacks);
    }

    /** The first cell of {@code feature}'s columns that is not blank, or {@code null}. */
    private Object cell(RawRows.Raw raw, String feature) {
        List<Integer> columns = featureColumns.get(feature);
        if (columns == null) {
            return null;
        }
        for (int column : columns) {
            Object cell = PedeValues.present(raw.cell(column));
            if (cell != null) {
                return cell;
            }
        }
        return null;
    }

    /** The row, with {@code rankings} (Cg, Cf, Ct by INDE; {@code null} entries unknown) where its own cells are blank. */
    SheetRow row(RawRows.Raw raw, int[] rankings) {
        Map<String, Object> features = new LinkedHashMap<>();
        featureColumns.forEach((feature, columns) -> {
            Object value = value(feature, cell(raw, feature));
            if (value != null && !(value instanceof String s && s.isBlank())) {
                features.put(feature, value);
            }
        });
        if (!features.containsKey("turma") && featureColumns.containsKey("turma") && featureColumns.containsKey("fase")) {
            String letter = PedeValues.classOfPhase(raw.cell(featureColumns.get("fase").get(0)));
            if (letter != null) {
                features.put("turma", letter);
            }
        }
        if (rankings != null) {
            for (int i = 0; i < RANKING_ORDER.size(); i++) {
                String ranking = RANKING_ORDER.get(i);
                if (wantedRankings.contains(ranking) && !features.containsKey(ranking) && rankings[i] > 0) {
                    features.put(ranking, BigDecimal.valueOf(rankings[i]));
                }
            }
        }
        if (!stoneColumns.isEmpty()) {
            List<Object> stones = new ArrayList<>(stoneColumns.size());
            for (List<Integer> spellings : stoneColumns) {
                Object stone = null;
                for (int column : spellings) {
                    stone = PedeValues.stone(raw.cell(column));
                    if (stone != null) {
                        break;
                    }
                }
                stones.add(stone);
            }
            String modal = PedraModal.of(stones);
            if (modal != null) {
                features.put(PedeColumns.PEDRA_MODAL, modal);
            }
        }
        List<Violation> problems = new ArrayList<>();
        Boolean target = targetColumn == null ? null : target(raw.cell(targetColumn), problems);
        return new SheetRow(raw.line(), idColumn == null ? null : text(raw.cell(idColumn)), features, target, problems);
    }

    private static Object value(String feature, Object cell) {
        if (cell == null) {
            return null;
        }
        return switch (feature) {
            case "turma" -> PedeValues.classLetter(cell);
            case "genero" -> PedeValues.gender(cell);
            case PedeColumns.PEDRA_MODAL, PedeColumns.PREVIOUS_STONE, PedeColumns.STONE_TWO_YEARS_BEFORE ->
                PedeValues.stone(cell);
            default -> PedeValues.number(feature, cell);
        };
    }

    private static Boolean target(Object cell, List<Violation> problems) {
        String value = text(cell);
        if (value == null) {
            problems.add(Violation.of(PedeColumns.TARGET, null, Violation.Kind.MISSING,
                    PedeColumns.TARGET + ": is required but missing"));
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "sim", "1", "true" -> {
                return Boolean.TRUE;
            }
            case "não", "nao", "0", "false" -> {
                return Boolean.FALSE;
            }
            default -> {
                problems.add(Violation.of(PedeColumns.TARGET, value, Violation.Kind.NOT_ALLOWED,
                        PedeColumns.TARGET + ": '" + value + "' is not Sim or Não"));
                return null;
            }
        }
    }

    /** A cell as trimmed text, numbers without a trailing {@code .0}; {@code null} when blank. */
    private static String text(Object cell) {
        if (cell == null) {
            return null;
        }
        String value = cell instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString()
                : cell.toString().strip();
        return value.isEmpty() ? null : value;
    }

    private static Integer find(String source, List<String> header, List<String> normalized, Set<String> wanted,
            String what) {
        Integer found = null;
        for (int i = 0; i < normalized.size(); i++) {
            if (wanted.contains(normalized.get(i))) {
                if (found != null) {
                    throw new SheetException(source + ": columns " + (found + 1) + " ('" + header.get(found) + "') and "
                            + (i + 1) + " ('" + header.get(i) + "') both give " + what + "; keep one");
                }
                found = i;
            }
        }
        return found;
    }

    private static Set<String> normalizedSet(List<String> headers) {
        Set<String> set = new java.util.HashSet<>();
        headers.forEach(h -> set.add(PedeColumns.normalize(h)));
        return set;
    }
}
