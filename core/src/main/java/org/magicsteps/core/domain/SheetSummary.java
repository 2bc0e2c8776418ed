package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a run over a sheet found: how many rows it read, accepted, flagged and rejected, why rows
 * were rejected and what accepted rows were flagged for, each reason with its number of rows (a
 * row counts once under each of its reasons), most frequent first.
 *
 * @param source the sheet, as named by its reader
 * @param layout the layout the reader recognised, such as {@code PEDE 2023}
 * @param read the rows read
 * @param accepted the rows whose features passed the model's rules
 * @param flagged the accepted rows with at least one warning
 * @param rejected the rows refused
 * @param rejections the rows refused, by reason
 * @param warnings the accepted rows flagged, by reason
 */
public record SheetSummary(String source, String layout, long read, long accepted, long flagged, long rejected,
        List<ReasonCount> rejections, List<ReasonCount> warnings) {

    /**
     * One reason and how many rows have it.
     *
     * @param reason for people, without any one row's value: {@code score_ipv missing}
     * @param field the feature (or {@code student_id}) it is about
     * @param rows how many rows have it
     */
    public record ReasonCount(String reason, String field, long rows) {
        public ReasonCount {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(field, "field");
        }
    }

    public SheetSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layout, "layout");
        rejections = List.copyOf(rejections);
        warnings = List.copyOf(warnings);
        if (accepted + rejected != read) {
            throw new IllegalArgumentException(accepted + " accepted and " + rejected + " rejected rows do not make the "
                    + read + " read");
        }
    }
}
