package org.magicsteps.core.usecase;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.domain.SheetSummary.ReasonCount;
import org.magicsteps.core.domain.Violation;

/** Counts the rows of a run over a sheet, and their reasons, into a {@link SheetSummary}. */
final class SheetTally {

    private record Key(String reason, String field) {
    }

    private final Map<Key, Long> rejections = new LinkedHashMap<>();
    private final Map<Key, Long> warnings = new LinkedHashMap<>();
    private long read;
    private long accepted;
    private long flagged;
    private long rejected;

    void count(RowResult row) {
        read++;
        if (row.isRejected()) {
            rejected++;
            countOnce(rejections, row.reasons().stream().map(v -> new Key(reason(v), v.field())).toList());
            return;
        }
        accepted++;
        if (row.isFlagged()) {
            flagged++;
            countOnce(warnings, row.warnings().stream().map(w -> new Key(reason(w), w.feature())).toList());
        }
    }

    /** A row counts once under each of its reasons, however often it has one. */
    private static void countOnce(Map<Key, Long> counts, List<Key> reasons) {
        Set<Key> distinct = new HashSet<>(reasons);
        distinct.forEach(k -> counts.merge(k, 1L, Long::sum));
    }

    long rejected() {
        return rejected;
    }

    SheetSummary summary(String source, String layout) {
        return new SheetSummary(source, layout, read, accepted, flagged, rejected, sorted(rejections), sorted(warnings));
    }

    /** The rule a violation breaks, without the row's value: {@code score_ipv missing}. */
    static String reason(Violation v) {
        String rule = switch (v.kind()) {
            case MISSING -> "missing";
            case NOT_A_NUMBER -> "not a number";
            case NOT_A_WHOLE_NUMBER -> "not a whole number";
            case NOT_TEXT -> "not a word";
            case BELOW_MINIMUM -> "below the minimum";
            case ABOVE_MAXIMUM -> "above the maximum";
            case NOT_ALLOWED -> "not an allowed value";
            case UNKNOWN_FIELD -> "not a feature";
            case TOO_SHORT -> "too short";
            case TOO_LONG -> "too long";
            case INVALID -> "invalid";
        };
        return v.field() + " " + rule;
    }

    /** What a warning is about, without the row's value: {@code ano_ingresso outside the trained range 2016–2022}. */
    static String reason(FeatureWarning w) {
        return switch (w.kind()) {
            case OUTSIDE_TRAINED_RANGE -> w.feature() + " outside the trained range " + w.trainedRange();
            case STOOD_IN -> w.feature() + " missing, the training's stand-in used";
            case UNKNOWN_FEATURE -> w.feature() + " ignored (not a feature of the model)";
        };
    }

    private static List<ReasonCount> sorted(Map<Key, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Key, Long> e) -> -e.getValue())
                        .thenComparing(e -> e.getKey().reason()))
                .map(e -> new ReasonCount(e.getKey().reason(), e.getKey().field(), e.getValue()))
                .toList();
    }
}
