package org.magicsteps.model.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.magicsteps.core.domain.Violation;

/** Where each wanted column is in one sheet's header, and how a row becomes a {@link SheetRow}. */
final class SheetLayout {

    private final Map<String, Integer> featureColumns = new LinkedHashMap<>();
    private final List<Integer> pedraColumns = new ArrayList<>();
    private final Integer idColumn;
    private final Integer targetColumn;

    SheetLayout(String source, List<String> header, List<String> features, Set<String> required, boolean withTarget) {
        List<String> normalized = header.stream().map(PedeColumns::normalize).toList();
        for (String feature : features) {
            Integer column = find(source, header, normalized, PedeColumns.matching(feature), feature);
            if (column != null) {
                featureColumns.put(feature, column);
            }
        }
        if (features.contains(PedeColumns.PEDRA_MODAL) && !featureColumns.containsKey(PedeColumns.PEDRA_MODAL)) {
            for (int i = 0; i < normalized.size(); i++) {
                if (PedeColumns.isPedraHeader(normalized.get(i))) {
                    pedraColumns.add(i);
                }
            }
        }
        idColumn = find(source, header, normalized, normalizedSet(PedeColumns.ID_HEADERS), "the student id");
        targetColumn = withTarget
                ? find(source, header, normalized, normalizedSet(PedeColumns.TARGET_HEADERS), PedeColumns.TARGET)
                : null;
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (String feature : features) {
            boolean present = featureColumns.containsKey(feature)
                    || feature.equals(PedeColumns.PEDRA_MODAL) && !pedraColumns.isEmpty();
            if (required.contains(feature) && !present) {
                missing.put(feature, PedeColumns.accepted(feature));
            }
        }
        if (withTarget && targetColumn == null) {
            missing.put(PedeColumns.TARGET, PedeColumns.TARGET_HEADERS);
        }
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(source, missing);
        }
    }

    boolean hasStudentId() {
        return idColumn != null;
    }

    /** The features that have a column (or, for {@code pedra_modal}, Pedra columns). */
    Set<String> presentFeatures() {
        Set<String> present = new java.util.LinkedHashSet<>(featureColumns.keySet());
        if (!pedraColumns.isEmpty()) {
            present.add(PedeColumns.PEDRA_MODAL);
        }
        return present;
    }

    SheetRow row(RawRows.Raw raw) {
        Map<String, Object> features = new LinkedHashMap<>();
        featureColumns.forEach((feature, column) -> {
            Object cell = raw.cell(column);
            if (cell != null && !(cell instanceof String s && s.isBlank())) {
                features.put(feature, cell);
            }
        });
        if (!pedraColumns.isEmpty()) {
            List<Object> pedras = pedraColumns.stream().map(raw::cell).toList();
            String modal = PedraModal.of(pedras);
            if (modal != null) {
                features.put(PedeColumns.PEDRA_MODAL, modal);
            }
        }
        List<Violation> problems = new ArrayList<>();
        Boolean target = targetColumn == null ? null : target(raw.cell(targetColumn), problems);
        return new SheetRow(raw.line(), idColumn == null ? null : text(raw.cell(idColumn)), features, target, problems);
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
