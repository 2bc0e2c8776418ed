package org.magicsteps.model.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The rankings {@code Cg}, {@code Cf} and {@code Ct} recomputed from a sheet's INDE, for the rows
 * whose sheet leaves them blank (2023 and 2024 do). Checked on the 2022 sheet, where they are
 * filled: {@code Ct} is exactly the rank of INDE within (phase, class), {@code Cf} the rank within
 * the phase (98 % exact; ties differ by 1) and {@code Cg} the overall rank (85 % exact; ties within
 * 2). A rank is Excel's {@code RANK}: 1 plus the number of students of the group with a higher
 * INDE, so ties share the best rank. A row without INDE (or without a phase, for Cf and Ct) gets
 * none.
 */
final class Rankings {

    /** Cg, Cf, Ct by line, for the rows that lack one; {@code 0} for a rank that cannot be given. */
    private final Map<Integer, int[]> byLine;

    private Rankings(Map<Integer, int[]> byLine) {
        this.byLine = byLine;
    }

    /** Cg, Cf and Ct for the row on {@code line} (0: none can be given), or {@code null} when it needs none. */
    int[] of(int line) {
        return byLine.get(line);
    }

    boolean isEmpty() {
        return byLine.isEmpty();
    }

    /**
     * Collects every row's INDE, phase and class, then ranks them. Kept in primitive arrays (groups
     * as small numbers), so that a sheet of a million rows costs some 20 MB here.
     */
    static final class Builder {
        private final Map<String, Integer> groupIds = new HashMap<>();
        private int[] lines = new int[1024];
        private double[] inde = new double[1024];
        private int[] phase = new int[1024];
        private int[] phaseAndClass = new int[1024];
        private boolean[] lacking = new boolean[1024];
        private int size;
        private boolean anyLacking;

        /**
         * Adds one row: its INDE, phase and class as the layout reads them; {@code lacks}: whether
         * it misses a ranking.
         */
        void add(int line, Object indeCell, Object faseCell, Object turma, boolean lacks) {
            Double value = number(indeCell);
            if (value == null) {
                return;
            }
            if (size == lines.length) {
                int grown = size * 2;
                lines = Arrays.copyOf(lines, grown);
                inde = Arrays.copyOf(inde, grown);
                phase = Arrays.copyOf(phase, grown);
                phaseAndClass = Arrays.copyOf(phaseAndClass, grown);
                lacking = Arrays.copyOf(lacking, grown);
            }
            Double fase = number(faseCell);
            lines[size] = line;
            inde[size] = value;
            phase[size] = fase == null ? -1 : group("phase " + fase);
            phaseAndClass[size] = fase == null || turma == null ? -1
                    : group("class " + fase + "/" + turma.toString().strip().toLowerCase(java.util.Locale.ROOT));
            lacking[size] = lacks;
            anyLacking |= lacks;
            size++;
        }

        Rankings build() {
            if (!anyLacking) {
                return new Rankings(Map.of());
            }
            int[] overall = ranks(new int[size]);
            int[] withinPhase = ranks(phase);
            int[] withinClass = ranks(phaseAndClass);
            Map<Integer, int[]> byLine = new HashMap<>();
            for (int i = 0; i < size; i++) {
                if (lacking[i]) {
                    byLine.put(lines[i], new int[] {overall[i], withinPhase[i], withinClass[i]});
                }
            }
            return new Rankings(byLine);
        }

        private int group(String key) {
            return groupIds.computeIfAbsent(key, k -> groupIds.size() + 1);
        }

        /** Each row's rank within its group ({@code groupOf}; -1: none), highest INDE first, ties sharing the best rank. */
        private int[] ranks(int[] groupOf) {
            Map<Integer, double[]> sortedByGroup = new HashMap<>();
            Map<Integer, Integer> counts = new HashMap<>();
            for (int i = 0; i < size; i++) {
                if (groupOf[i] >= 0) {
                    counts.merge(groupOf[i], 1, Integer::sum);
                }
            }
            Map<Integer, Integer> filled = new HashMap<>();
            counts.forEach((group, count) -> sortedByGroup.put(group, new double[count]));
            for (int i = 0; i < size; i++) {
                if (groupOf[i] >= 0) {
                    int at = filled.merge(groupOf[i], 1, Integer::sum) - 1;
                    sortedByGroup.get(groupOf[i])[at] = inde[i];
                }
            }
            sortedByGroup.values().forEach(Arrays::sort);
            int[] rank = new int[size];
            for (int i = 0; i < size; i++) {
                if (groupOf[i] >= 0) {
                    double[] sorted = sortedByGroup.get(groupOf[i]);
                    // How many of the group have a higher INDE: those after the last copy of this value.
                    rank[i] = 1 + sorted.length - upperBound(sorted, inde[i]);
                }
            }
            return rank;
        }

        private static int upperBound(double[] sorted, double value) {
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sorted[mid] <= value) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private static Double number(Object cell) {
            if (cell instanceof BigDecimal b) {
                return b.doubleValue();
            }
            if (cell instanceof String s) {
                try {
                    return Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }
}
